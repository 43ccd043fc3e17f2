package dev.limitless.flyway;

import java.sql.Connection;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;
import org.flywaydb.database.postgresql.PostgreSQLConnection;
import org.flywaydb.database.postgresql.PostgreSQLDatabase;

/** Flyway's PostgreSQL database with Limitless connections (row lock, foreign-table-aware history lookup). */
final class LimitlessPostgresDatabase extends PostgreSQLDatabase {

    private LimitlessPostgresDatabase(Configuration configuration, JdbcConnectionFactory connectionFactory,
                                      StatementInterceptor statementInterceptor) {
        super(configuration, connectionFactory, statementInterceptor);
    }

    /** A factory typed by Flyway's base class, so that the database type never links this class unless it is used. */
    static Database create(Configuration configuration, JdbcConnectionFactory connectionFactory,
                           StatementInterceptor statementInterceptor) {
        return new LimitlessPostgresDatabase(configuration, connectionFactory, statementInterceptor);
    }

    @Override
    protected PostgreSQLConnection doGetConnection(Connection connection) {
        return new LimitlessPostgresConnection(this, connection);
    }

    /**
     * Always two connections: the lock's transaction stays open on the main connection while migrations run on the
     * other, as with Flyway's transactional advisory lock.
     */
    @Override
    public boolean useSingleConnection() {
        return false;
    }
}
