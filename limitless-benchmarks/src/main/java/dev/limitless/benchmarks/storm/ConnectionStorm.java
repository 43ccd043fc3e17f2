package dev.limitless.benchmarks.storm;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.test.DedicatedPostgresServer;
import dev.limitless.test.PgBouncer;
import dev.limitless.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The connection storm of serverless applications, reproduced: {@code environments} concurrent execution
 * environments, each with its own HikariCP pool of one connection (as a Lambda function configured by the starter
 * has), start at once and each run {@code requestsPerEnvironment} small write transactions against a PostgreSQL whose
 * {@code max_connections} is small. Directly, environments beyond the server's connection slots fail with
 * "too many clients"; through PgBouncer in transaction mode (the open-source stand-in for RDS Proxy) every request
 * succeeds while the server sees at most the bouncer's pool size of backend connections.
 *
 * <p>Java 17 has no virtual threads: each environment is a platform thread (a few hundred are fine). Every
 * environment holds its connection until all have finished, as warm Lambda environments do.
 *
 * <p>Run the long version with
 * {@code java -cp limitless-benchmarks/target/limitless-benchmarks.jar dev.limitless.benchmarks.storm.ConnectionStorm
 * [environments] [requests] [max_connections] [bouncer_pool_size]}.
 */
public final class ConnectionStorm implements AutoCloseable {

    /** The application role; not a superuser, so the server's reserved slots stay free for the monitor. */
    static final String ROLE = "storm_app";
    private static final String PASSWORD = "storm-secret-for-tests";
    private static final int RESERVED_FOR_SUPERUSER = 3;
    /** Through PgBouncer a request may queue for a server connection; the pool of one waits that long for it. */
    private static final Duration QUEUED_CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How big a storm.
     *
     * @param connectionTimeout how long a pool of one waits for its connection on the direct route (through
     *                          PgBouncer it waits up to 30 s, since requests queue there by design)
     */
    public record Settings(int environments, int requestsPerEnvironment, int maxConnections, int bouncerPoolSize,
                           Duration connectionTimeout) {

        /** Connection slots the application role can use. */
        public int applicationSlots() {
            return maxConnections - RESERVED_FOR_SUPERUSER;
        }
    }

    /** Which way the environments reach the database. */
    public enum Route {
        DIRECT, PGBOUNCER
    }

    /**
     * What a storm did.
     *
     * @param failures            failed requests by SQLState and message of their cause
     * @param rowsWritten         rows found in the database afterwards (equals {@code succeeded})
     * @param maxBackends         most backend connections of the application role seen at once (sampled every 10 ms)
     * @param p50                 latency percentiles of successful requests, including the wait for a connection
     */
    public record Result(Route route, int environments, int requests, int succeeded, int failed,
                         Map<String, Integer> failures, long rowsWritten, int maxBackends,
                         Duration p50, Duration p95, Duration p99, Duration max, Duration wallClock) {
    }

    private final DedicatedPostgresServer server;
    private final TestDatabase database;
    private final Settings settings;

    private ConnectionStorm(DedicatedPostgresServer server, TestDatabase database, Settings settings) {
        this.server = server;
        this.database = database;
        this.settings = settings;
    }

    /** Starts a dedicated PostgreSQL with {@code settings.maxConnections()} and prepares the application role. */
    public static ConnectionStorm prepare(Settings settings) throws SQLException {
        DedicatedPostgresServer server = DedicatedPostgresServer.start(Map.of(
                "max_connections", Integer.toString(settings.maxConnections()),
                "superuser_reserved_connections", Integer.toString(RESERVED_FOR_SUPERUSER)));
        TestDatabase database = server.createDatabase("storm", 0);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE TABLE storm_requests (environment int NOT NULL, request int NOT NULL,"
                    + " route text NOT NULL, PRIMARY KEY (route, environment, request))");
            statement.execute("GRANT INSERT, SELECT ON storm_requests TO " + ROLE);
        }
        return new ConnectionStorm(server, database, settings);
    }

    /** Every environment connects straight to PostgreSQL. */
    public Result direct() throws SQLException, InterruptedException {
        return run(Route.DIRECT, database.jdbcUrl(), settings.connectionTimeout());
    }

    /** Every environment connects to a PgBouncer (transaction mode, {@code bouncerPoolSize} server connections). */
    public Result throughPgBouncer(Path pgbouncer) throws SQLException, InterruptedException, IOException {
        try (PgBouncer bouncer = PgBouncer.start(pgbouncer, database.jdbcUrl(), ROLE, PASSWORD,
                settings.bouncerPoolSize(), settings.environments() + 10)) {
            return run(Route.PGBOUNCER, bouncer.jdbcUrl(database.name()), QUEUED_CONNECTION_TIMEOUT);
        }
    }

    private Result run(Route route, String jdbcUrl, Duration connectionTimeout) throws SQLException, InterruptedException {
        int environments = settings.environments();
        int perEnvironment = settings.requestsPerEnvironment();
        AtomicLongArray latencies = new AtomicLongArray(environments * perEnvironment);
        AtomicInteger succeeded = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(environments);
        CountDownLatch release = new CountDownLatch(1);
        ScheduledExecutorService housekeeping = Executors.newScheduledThreadPool(2, daemon("storm-housekeeping"));
        AtomicInteger maxBackends = new AtomicInteger();
        Connection monitor = database.connect();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("storm-backend-sampler"));
        sampler.scheduleAtFixedRate(() -> maxBackends.accumulateAndGet(backends(monitor), Math::max),
                0, 10, TimeUnit.MILLISECONDS);
        List<Thread> threads = new ArrayList<>();
        for (int e = 0; e < environments; e++) {
            int environment = e;
            Thread thread = new Thread(() -> {
                try (HikariDataSource pool = poolOfOne(jdbcUrl, environment, connectionTimeout, housekeeping)) {
                    await(start);
                    for (int r = 0; r < perEnvironment; r++) {
                        long began = System.nanoTime();
                        try (Connection connection = pool.getConnection();
                             PreparedStatement insert = connection.prepareStatement(
                                     "INSERT INTO storm_requests (environment, request, route) VALUES (?, ?, ?)")) {
                            insert.setInt(1, environment);
                            insert.setInt(2, r);
                            insert.setString(3, route.name());
                            insert.executeUpdate();
                            latencies.set(succeeded.getAndIncrement(), System.nanoTime() - began);
                        } catch (SQLException failure) {
                            failures.merge(kind(failure), 1, Integer::sum);
                        }
                    }
                    finished.countDown();
                    await(release);
                }
            }, "storm-environment-" + e);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long began = System.nanoTime();
        start.countDown();
        finished.await();
        long wallClock = System.nanoTime() - began;
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        sampler.shutdown();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        housekeeping.shutdownNow();
        long rows;
        try (monitor; Statement statement = monitor.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM storm_requests WHERE route = '" + route.name() + "'")) {
            count.next();
            rows = count.getLong(1);
        }
        long[] sorted = new long[succeeded.get()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = latencies.get(i);
        }
        Arrays.sort(sorted);
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        return new Result(route, environments, environments * perEnvironment, sorted.length, failed,
                new TreeMap<>(failures), rows, maxBackends.get(), percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), percentile(sorted, 100), Duration.ofNanos(wallClock));
    }

    private static HikariDataSource poolOfOne(String jdbcUrl, int environment, Duration connectionTimeout,
                                              ScheduledExecutorService housekeeping) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(ROLE);
        config.setPassword(PASSWORD);
        config.setPoolName("environment-" + environment);
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        // a Lambda environment that cannot connect still serves (and fails) its requests; it does not crash at start
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setScheduledExecutor(housekeeping);
        return new HikariDataSource(config);
    }

    private static int backends(Connection monitor) {
        try (Statement statement = monitor.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + ROLE + "'")) {
            count.next();
            return count.getInt(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    /** SQLState and first line of the innermost SQL exception: what the database said, not the pool's wrapper. */
    static String kind(SQLException failure) {
        SQLException innermost = failure;
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                innermost = sql;
            }
        }
        String message = String.valueOf(innermost.getMessage()).lines().findFirst().orElse("")
                .replaceAll("environment-\\d+", "environment-N").replaceAll("\\d+ms", "N ms");
        return (innermost.getSQLState() == null ? "pool" : innermost.getSQLState()) + " " + message;
    }

    private static Duration percentile(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return Duration.ofNanos(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        database.close();
        server.close();
    }

    /** A Markdown table of results, one row per route. */
    public static String table(Settings settings, List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("| route | environments | requests | succeeded | failed | max backend connections | p50 | p95 | p99 | max | wall clock |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            out.append("| ").append(r.route() == Route.DIRECT ? "direct (max_connections " + settings.maxConnections() + ")"
                            : "PgBouncer, transaction mode, pool " + settings.bouncerPoolSize())
                    .append(" | ").append(r.environments()).append(" | ").append(r.requests())
                    .append(" | ").append(r.succeeded()).append(" | ").append(r.failed())
                    .append(" | ").append(r.maxBackends())
                    .append(" | ").append(millis(r.p50())).append(" | ").append(millis(r.p95()))
                    .append(" | ").append(millis(r.p99())).append(" | ").append(millis(r.max()))
                    .append(" | ").append(millis(r.wallClock())).append(" |\n");
        }
        for (Result r : results) {
            r.failures().forEach((kind, count) -> out.append("\n").append(r.route()).append(": ").append(count)
                    .append(" x `").append(kind).append("`"));
        }
        return out.append('\n').toString();
    }

    private static String millis(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(
                args.length > 0 ? Integer.parseInt(args[0]) : 300,
                args.length > 1 ? Integer.parseInt(args[1]) : 20,
                args.length > 2 ? Integer.parseInt(args[2]) : 50,
                args.length > 3 ? Integer.parseInt(args[3]) : 10,
                Duration.ofSeconds(2));
        List<Result> results = new ArrayList<>();
        try (ConnectionStorm storm = prepare(settings)) {
            results.add(storm.direct());
            Optional<Path> pgbouncer = PgBouncer.binary();
            if (pgbouncer.isPresent()) {
                results.add(storm.throughPgBouncer(pgbouncer.get()));
            } else {
                System.err.println("pgbouncer is not installed (apt-get install pgbouncer, brew install pgbouncer):"
                        + " the PgBouncer half is skipped");
            }
        }
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", JVM "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.print(table(settings, results));
    }
}
