package dev.limitless.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * An embedded PostgreSQL of its own, with settings of the caller's choosing, that can be stopped and started again
 * on the same port and data directory: for tests that need a server the shared one cannot be (a small
 * {@code max_connections}, a server that goes away and comes back). It runs like the shared embedded server (loopback
 * only, the superuser trusted, other roles by password, as {@code nobody} when the build runs as root) but costs an
 * {@code initdb} (about a second) and its own processes, so use it only where the shared server will not do.
 *
 * <pre>{@code
 * try (DedicatedPostgresServer server = DedicatedPostgresServer.start(Map.of("max_connections", "20"))) {
 *     TestDatabase database = server.createDatabase("storm", 0);
 *     ...
 *     server.stop("fast");
 *     server.start();      // same port, same data
 * }
 * }</pre>
 */
public final class DedicatedPostgresServer extends PostgresServer implements AutoCloseable {

    private final EmbeddedPostgresServer server;
    private volatile boolean running = true;

    private DedicatedPostgresServer(EmbeddedPostgresServer server) {
        this.server = server;
    }

    /**
     * Initialises a new data directory and starts a server on a free loopback port.
     *
     * @param settings postgresql.conf settings that replace or add to the defaults of the embedded server, written
     *                 as in postgresql.conf ({@code "max_connections" -> "20"}, {@code "synchronous_commit" -> "on"});
     *                 the defaults trade durability for speed ({@code fsync}, {@code synchronous_commit} and
     *                 {@code full_page_writes} off)
     */
    public static DedicatedPostgresServer start(Map<String, String> settings) {
        DedicatedPostgresServer dedicated = new DedicatedPostgresServer(EmbeddedPostgresServer.start(settings));
        Runtime.getRuntime().addShutdownHook(new Thread(dedicated.server::destroy, "limitless-dedicated-postgres-stop"));
        return dedicated;
    }

    /**
     * Stops the server and keeps its data; every connection to it breaks.
     *
     * @param mode {@code pg_ctl} shutdown mode: {@code smart} (waits for clients), {@code fast} (disconnects them,
     *             a clean shutdown) or {@code immediate} (like a crash; the next start recovers from the WAL)
     */
    public synchronized void stop(String mode) {
        try {
            server.stopServer(mode);
            running = false;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop " + description() + ": " + e.getMessage(), e);
        }
    }

    /** Starts the stopped server again on the same port with the same data; returns once it accepts connections. */
    public synchronized void start() {
        try {
            server.startServer();
            running = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + description() + " again: " + e.getMessage(), e);
        }
    }

    /** Whether the server was last started rather than stopped. */
    public boolean running() {
        return running;
    }

    /** The loopback port, the same across stops and starts. */
    public int port() {
        return server.port();
    }

    @Override
    public String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    @Override
    public String username() {
        return server.username();
    }

    @Override
    public String password() {
        return server.password();
    }

    @Override
    public String description() {
        return "dedicated " + server.description();
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public synchronized void close() {
        server.destroy();
        running = false;
    }
}
