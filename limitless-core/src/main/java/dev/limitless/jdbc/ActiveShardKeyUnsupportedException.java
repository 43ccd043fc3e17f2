package dev.limitless.jdbc;

import dev.limitless.guard.ActiveShardKey;
import dev.limitless.guard.ShardScopeException;
import java.sql.SQLException;

/**
 * A statement ran inside {@code ShardScope.forKey(...)} on a data source whose topology is not Limitless. The active
 * shard key is a variable of Aurora PostgreSQL Limitless Database's routers: a standard Aurora or PostgreSQL server has
 * no such variable (the key would silently do nothing), and behind RDS Proxy the {@code SET} would pin the session.
 */
public final class ActiveShardKeyUnsupportedException extends SQLException {

    private static final long serialVersionUID = 1L;

    ActiveShardKeyUnsupportedException() {
        super("Refused a statement inside ShardScope.forKey(...): the active shard key (" + ActiveShardKey.VARIABLE
                + ") exists only on Aurora PostgreSQL Limitless Database, and this data source is configured for the"
                + " proxy topology (RDS Proxy or PgBouncer in front of standard PostgreSQL), where the variable does"
                + " nothing and its SET pins the proxy session. Connect to the Limitless routers (or the local emulation)"
                + " and set limitless.topology=limitless, or filter on the shard key in each statement instead.",
                ShardScopeException.SQL_STATE);
    }
}
