package dev.limitless.pinning.internal;

import dev.limitless.pinning.Topology;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells from the database itself, not from its host name, whether a connection reaches Aurora PostgreSQL Limitless
 * Database's transaction routers (or the local emulation of them). One query, run once at start-up:
 * <ul>
 *   <li>{@code pg_catalog.aurora_limitless_router_endpoints()}: the function the AWS JDBC wrapper's {@code limitless}
 *       plugin polls for the routers and their load; only the routers (and the emulation) have it;</li>
 *   <li>{@code rds_aurora.limitless_tables} / {@code rds_aurora.limitless_stat_statements}: Limitless' catalog;</li>
 *   <li>the database {@code postgres_limitless}, the database Limitless clients connect to.</li>
 * </ul>
 * A database with none of these is not Limitless; whether an RDS Proxy stands in front of it cannot be seen from SQL,
 * so {@link #detect} then answers nothing and the configured (or default) topology stands.
 */
public final class TopologyDetection {

    /** The database Limitless clients connect to (AWS, "Working with DB shard groups"). */
    public static final String LIMITLESS_DATABASE = "postgres_limitless";

    private static final String QUERY = """
            SELECT to_regprocedure('pg_catalog.aurora_limitless_router_endpoints()') IS NOT NULL,
                   to_regclass('rds_aurora.limitless_tables') IS NOT NULL,
                   to_regclass('rds_aurora.limitless_stat_statements') IS NOT NULL,
                   current_database() = 'postgres_limitless'""";

    private TopologyDetection() {
    }

    /** What the database shows of Limitless, and so the topology. */
    public record Evidence(boolean routerEndpoints, boolean limitlessTables, boolean limitlessStatStatements,
            boolean limitlessDatabase) {

        /** Whether anything says Limitless. */
        public boolean limitless() {
            return routerEndpoints || limitlessTables || limitlessStatStatements || limitlessDatabase;
        }

        /** {@link Topology#LIMITLESS} when the database is Limitless, else empty (proxy and standard look the same). */
        public Optional<Topology> topology() {
            return limitless() ? Optional.of(Topology.LIMITLESS) : Optional.empty();
        }

        /** The signs found, in words, for logs and errors. */
        public String describe() {
            List<String> signs = new ArrayList<>();
            if (routerEndpoints) {
                signs.add("it has aurora_limitless_router_endpoints()");
            }
            if (limitlessTables) {
                signs.add("it has rds_aurora.limitless_tables");
            }
            if (limitlessStatStatements) {
                signs.add("it has rds_aurora.limitless_stat_statements");
            }
            if (limitlessDatabase) {
                signs.add("the database is " + LIMITLESS_DATABASE);
            }
            return signs.isEmpty() ? "no sign of Aurora Limitless" : String.join(", ", signs);
        }
    }

    /** Reads the evidence through the connection (one read-only query). */
    public static Evidence inspect(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(QUERY)) {
            rs.next();
            return new Evidence(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4));
        }
    }

    /** {@link Topology#LIMITLESS} when the database is Limitless, else empty. */
    public static Optional<Topology> detect(Connection connection) throws SQLException {
        return inspect(connection).topology();
    }
}
