package dev.limitless.test;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Local transaction routers in front of a database with the Limitless emulation: one PgBouncer per router, each on
 * its own loopback address ({@code 127.0.0.1}, {@code 127.0.0.2}, ...) and all on one port, registered in the
 * database so that {@code pg_catalog.aurora_limitless_router_endpoints()} lists them, as Aurora lists its routers.
 * The AWS JDBC wrapper's {@code limitless} plugin discovers them from there and reaches each on the port of the
 * endpoint it first connected to, as on Aurora. Connect first through {@link #clusterEndpointUrl()}
 * ({@code localhost}, which the wrapper does not find among the routers, so it balances; like the Route 53 name of
 * the cluster endpoint, it lands on one of them).
 *
 * <pre>{@code
 * Optional<Path> binary = PgBouncer.binary();
 * assumeTrue(binary.isPresent(), "install pgbouncer");
 * try (LocalRouters routers = LocalRouters.start(binary.get(), database, 3)) {
 *     String url = "jdbc:aws-wrapper:" + routers.clusterEndpointUrl().substring("jdbc:".length());
 * }
 * }</pre>
 */
public final class LocalRouters implements AutoCloseable {

    private final Path binary;
    private final TestDatabase database;
    private final int port;
    private final int poolSize;
    private final Map<String, PgBouncer> running = new LinkedHashMap<>();
    private int next = 1;

    private LocalRouters(Path binary, TestDatabase database, int port, int poolSize) {
        this.binary = binary;
        this.database = database;
        this.port = port;
        this.poolSize = poolSize;
    }

    /** Starts {@code count} routers (each with 10 server connections) and registers them with load 0. */
    public static LocalRouters start(Path binary, TestDatabase database, int count) throws IOException, SQLException {
        return start(binary, database, count, 10);
    }

    /** Starts {@code count} routers with {@code poolSize} server connections each and registers them with load 0. */
    public static LocalRouters start(Path binary, TestDatabase database, int count, int poolSize) throws IOException, SQLException {
        if (count < 1 || count > 250) {
            throw new IllegalArgumentException("between 1 and 250 routers, not " + count);
        }
        LocalRouters routers = new LocalRouters(binary, database, EmbeddedPostgresServer.freePort(), poolSize);
        try {
            for (int i = 0; i < count; i++) {
                routers.add();
            }
        } catch (IOException | SQLException | RuntimeException e) {
            routers.close();
            throw e;
        }
        return routers;
    }

    /** The installed {@code pgbouncer} ({@link PgBouncer#binary()}). */
    public static Optional<Path> binary() {
        return PgBouncer.binary();
    }

    /** The port every router listens on. */
    public int port() {
        return port;
    }

    /** The endpoints of the running routers, as {@code aurora_limitless_router_endpoints()} lists them. */
    public synchronized List<String> endpoints() {
        return new ArrayList<>(running.keySet());
    }

    /**
     * The "cluster endpoint": {@code jdbc:postgresql://localhost:<port>/<database>} with the settings a
     * transaction-mode pooler needs (no server-side prepared statements, nothing SET at connect time).
     */
    public String clusterEndpointUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + database.name()
                + "?prepareThreshold=0&assumeMinServerVersion=16&ApplicationName=limitless-test";
    }

    /** Starts one more router on the next loopback address and registers it with load 0; returns its endpoint. */
    public synchronized String add() throws IOException, SQLException {
        String endpoint = "127.0.0." + next++;
        start(endpoint);
        register(endpoint, 0);
        return endpoint;
    }

    /** Stops a router: its clients' connections are cut, new ones refused. It stays registered, as on Aurora until the service notices. */
    public synchronized void stop(String endpoint) {
        PgBouncer bouncer = running.remove(endpoint);
        if (bouncer == null) {
            throw new IllegalArgumentException("no running router " + endpoint + "; running: " + running.keySet());
        }
        bouncer.close();
    }

    /** Starts a stopped router again on its address. */
    public synchronized void restart(String endpoint) throws IOException {
        if (running.containsKey(endpoint)) {
            throw new IllegalArgumentException("router " + endpoint + " is running");
        }
        start(endpoint);
    }

    /** Sets the load (0 to 1) the database reports for a router. */
    public void load(String endpoint, double load) throws SQLException {
        register(endpoint, load);
    }

    /** Removes a router from what the database reports (the service noticed it is gone). */
    public void unregister(String endpoint) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT rds_aurora.limitless_local_remove_router(?)")) {
            statement.setString(1, endpoint);
            statement.execute();
        }
    }

    private void start(String endpoint) throws IOException {
        running.put(endpoint, PgBouncer.start(binary, database.jdbcUrl(), database.username(), database.password(),
                poolSize, 1000, endpoint, port));
    }

    private void register(String endpoint, double load) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT rds_aurora.limitless_local_add_router(?, ?)")) {
            statement.setString(1, endpoint);
            statement.setFloat(2, (float) load);
            statement.execute();
        }
    }

    /** Stops every router and removes every registration it made (the database may outlive the routers). */
    @Override
    public synchronized void close() {
        running.values().forEach(PgBouncer::close);
        running.clear();
        for (int i = 1; i < next; i++) {
            try {
                unregister("127.0.0." + i);
            } catch (SQLException e) {
                // the database is gone with the test: nothing left to unregister
            }
        }
    }
}
