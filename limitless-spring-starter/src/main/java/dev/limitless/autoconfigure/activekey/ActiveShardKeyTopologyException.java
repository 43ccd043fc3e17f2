package dev.limitless.autoconfigure.activekey;

import java.util.List;

/**
 * The application uses the active shard key ({@code @ShardScoped}, a {@link ShardKeyResolver}) while
 * {@code limitless.topology} is set to something other than {@code limitless}.
 */
public final class ActiveShardKeyTopologyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> users;

    ActiveShardKeyTopologyException(List<String> users, String topology) {
        super("The active shard key (rds_aurora.limitless_active_shard_key) is used by " + String.join(", ", users)
                + ", but limitless.topology is '" + topology + "': the variable exists only on Aurora PostgreSQL Limitless"
                + " Database's routers (standard Aurora and PostgreSQL have no such variable, so the key would restrict"
                + " nothing), and behind RDS Proxy its SET pins every session.");
        this.users = List.copyOf(users);
    }

    /** The beans and repositories that use the active shard key. */
    public List<String> users() {
        return users;
    }
}
