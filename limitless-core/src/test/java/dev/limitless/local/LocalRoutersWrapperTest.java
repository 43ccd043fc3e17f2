package dev.limitless.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.LocalRouters;
import dev.limitless.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The AWS Advanced JDBC Wrapper's {@code limitless} plugin, unmodified, against the local emulation's transaction
 * routers: three PgBouncers on 127.0.0.1-3 (one port) in front of the emulated database, listed with their load by
 * {@code pg_catalog.aurora_limitless_router_endpoints()}, which the plugin polls. The application connects to the
 * "cluster endpoint" ({@code localhost}) as AWS documents connecting to Limitless, and the plugin picks the routers.
 *
 * <p>Scale the write-load test with {@code -Dlimitless.routers.writers=N -Dlimitless.routers.writes=N}
 * (per writer; default 4 x 60). It prints its figures (recovery time) and asserts none.
 */
@LimitlessPostgres(shards = 4)
class LocalRoutersWrapperTest {

    private static final int MONITOR_INTERVAL_MS = 200;

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private LocalRouters routers;

    @BeforeAll
    static void createTable() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded'");
            statement.execute("SET LOCAL rds_aurora.limitless_create_table_shard_key = '{\"account_id\"}'");
            // no unique constraint on the idempotency key: only the application's check keeps a retry from writing twice
            statement.execute("CREATE TABLE router_writes (account_id bigint NOT NULL, write_id bigserial NOT NULL,"
                    + " idempotency_key text NOT NULL, PRIMARY KEY (account_id, write_id))");
            connection.commit();
        }
    }

    @BeforeEach
    void startRouters() throws Exception {
        Path binary = LocalRouters.binary().orElse(null);
        assumeTrue(binary != null, "pgbouncer is not installed (apt-get install pgbouncer)");
        routers = LocalRouters.start(binary, database, 3);
    }

    @AfterEach
    void stopRouters() {
        if (routers != null) {
            routers.close();
        }
    }

    private Properties wrapperProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", database.username());
        properties.setProperty("password", database.password() == null ? "" : database.password());
        properties.setProperty("wrapperPlugins", "limitless");
        // the emulation answers the Limitless router query; Aurora's dialect is the one that asks it
        properties.setProperty("wrapperDialect", "aurora-pg");
        properties.setProperty("limitlessTransactionRouterMonitorIntervalMs", Integer.toString(MONITOR_INTERVAL_MS));
        // the wrapper caches routers per cluster id (default "1"): one shard group per test, as on Aurora one per cluster
        properties.setProperty("clusterId", "limitless-local-" + routers.port());
        return properties;
    }

    private String wrapperUrl() {
        return "jdbc:aws-wrapper:" + routers.clusterEndpointUrl().substring("jdbc:".length());
    }

    /** The router a wrapper connection went through: the host of the PgJDBC connection under it. */
    static String routerOf(Connection connection) throws SQLException {
        String url = ((Connection) connection.unwrap(PGConnection.class)).getMetaData().getURL();
        return url.substring("jdbc:postgresql://".length(), url.lastIndexOf(':'));
    }

    @Test
    void theRouterEndpointsFunctionListsEveryRegisteredRouterWithItsLoad() throws SQLException {
        routers.load("127.0.0.2", 0.25);
        try (Connection connection = DriverManager.getConnection(routers.clusterEndpointUrl(), database.username(),
                database.password()); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select router_endpoint, load from pg_catalog.aurora_limitless_router_endpoints()")) {
            Map<String, Float> listed = new TreeMap<>();
            while (rs.next()) {
                listed.put(rs.getString(1), rs.getFloat(2));
            }
            assertThat(listed).containsExactly(Map.entry("127.0.0.1", 0f), Map.entry("127.0.0.2", 0.25f),
                    Map.entry("127.0.0.3", 0f));
        }
    }

    @Test
    void newConnectionsSpreadOverTheRoutersByTheirReportedLoad() throws SQLException {
        routers.load("127.0.0.2", 0.5f);
        routers.load("127.0.0.3", 0.9f);
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 48; i++) {
            try (Connection connection = DriverManager.getConnection(wrapperUrl(), wrapperProperties())) {
                counts.merge(routerOf(connection), 1, Integer::sum);
            }
        }
        System.out.println("Connections per router (load 0, 0.5, 0.9): " + counts);
        // the busiest router gets a small share (the wrapper weighs routers by load): in 48 connections it may get
        // none at all (about one run in twenty), so only its share relative to the others is asserted
        assertThat(counts.keySet()).isSubsetOf("127.0.0.1", "127.0.0.2", "127.0.0.3").contains("127.0.0.1", "127.0.0.2");
        int busiest = counts.getOrDefault("127.0.0.3", 0);
        assertThat(busiest).isLessThan(counts.get("127.0.0.1")).isLessThan(counts.get("127.0.0.2"));
    }

    @Test
    void aRouterAddedIsUsedOnceTheMonitorHasSeenIt() throws Exception {
        try (Connection first = DriverManager.getConnection(wrapperUrl(), wrapperProperties())) {
            assertThat(routerOf(first)).startsWith("127.0.0.");
        }
        long added = System.nanoTime();
        String endpoint = routers.add();
        assertThat(endpoint).isEqualTo("127.0.0.4");
        long deadline = added + TimeUnit.SECONDS.toNanos(30);
        int connections = 0;
        String seen = null;
        while (System.nanoTime() < deadline && !endpoint.equals(seen)) {
            try (Connection connection = DriverManager.getConnection(wrapperUrl(), wrapperProperties())) {
                seen = routerOf(connection);
                connections++;
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - added);
        System.out.println("Router added: first connection through it after " + millis + " ms and " + connections
                + " new connections (monitor interval " + MONITOR_INTERVAL_MS + " ms)");
        assertThat(seen).as("a new connection through the added router within 30 s").isEqualTo(endpoint);
    }

    @Test
    void aRouterStoppedUnderWriteLoadLosesNoAcknowledgedWriteAndDuplicatesNone() throws Exception {
        int writers = Integer.getInteger("limitless.routers.writers", 4);
        int writesPerWriter = Integer.getInteger("limitless.routers.writes", 60);
        HikariConfig config = new HikariConfig();
        config.setDriverClassName("software.amazon.jdbc.Driver");
        config.setJdbcUrl(wrapperUrl());
        config.setDataSourceProperties(wrapperProperties());
        config.setMaximumPoolSize(writers);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        config.setPoolName("routers-under-load");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, Integer> attemptsByRouter = new ConcurrentHashMap<>();
        AtomicInteger failedAttempts = new AtomicInteger();
        AtomicInteger answeredByIdempotency = new AtomicInteger();
        AtomicLong stoppedAt = new AtomicLong();
        // per writer that failed after the stop: from the stop to its next acknowledged write; the longest is the recovery
        AtomicLong recoveredAt = new AtomicLong();
        CountDownLatch thirdDone = new CountDownLatch(writers);
        CountDownLatch stopped = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        String stoppedRouter;
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long account = 1000 + w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < writesPerWriter; i++) {
                        if (i == writesPerWriter / 3) {
                            thirdDone.countDown();
                            stopped.await();
                        }
                        String key = account + "-" + i;
                        for (int attempt = 1; ; attempt++) {
                            try {
                                if (write(dataSource, account, key, attemptsByRouter)) {
                                    answeredByIdempotency.incrementAndGet();
                                }
                                acknowledged.add(key);
                                if (attempt > 1) {
                                    recoveredAt.accumulateAndGet(System.nanoTime(), Math::max);
                                }
                                break;
                            } catch (SQLException e) {
                                failedAttempts.incrementAndGet();
                                if (attempt == 50) {
                                    throw new IllegalStateException("write " + key + " abandoned after 50 attempts", e);
                                }
                                Thread.sleep(20);
                            }
                        }
                    }
                    return null;
                }));
            }
            assertThat(thirdDone.await(60, TimeUnit.SECONDS)).isTrue();
            // the router the pool's connections used most: the stop is sure to cut connections in use
            stoppedRouter = attemptsByRouter.entrySet().stream().filter(e -> !e.getKey().equals("localhost"))
                    .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            routers.stop(stoppedRouter);
            stoppedAt.set(System.nanoTime());
            stopped.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Integer> rowsPerKey = new TreeMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT idempotency_key, count(*) FROM router_writes GROUP BY 1")) {
            while (rs.next()) {
                rowsPerKey.put(rs.getString(1), rs.getInt(2));
            }
        }
        long lost = acknowledged.stream().filter(key -> !rowsPerKey.containsKey(key)).count();
        long duplicated = rowsPerKey.values().stream().filter(count -> count > 1).count();
        long recoveryMillis = recoveredAt.get() == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(recoveredAt.get() - stoppedAt.get());
        System.out.printf("Router %s stopped under load: %d writers, %d acknowledged, %d failed attempts, %d answered by"
                + " idempotency, lost %d, duplicated %d, every failed writer acknowledged again %d ms after the stop;"
                + " attempts per router %s%n",
                stoppedRouter, writers, acknowledged.size(), failedAttempts.get(), answeredByIdempotency.get(), lost,
                duplicated, recoveryMillis, new TreeMap<>(attemptsByRouter));
        assertThat(acknowledged).hasSize(writers * writesPerWriter);
        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
        assertThat(failedAttempts.get()).as("the stop cut connections in use").isPositive();
        assertThat(recoveredAt.get()).isGreaterThan(stoppedAt.get());
    }

    /**
     * One idempotent write: in one transaction, look for the key on the account's shard and insert it when absent.
     * Returns whether the key was already there (an earlier attempt committed but its acknowledgement was lost).
     */
    private static boolean write(HikariDataSource dataSource, long account, String key, Map<String, Integer> attemptsByRouter)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            attemptsByRouter.merge(routerOf(connection), 1, Integer::sum);
            connection.setAutoCommit(false);
            try {
                boolean present;
                try (PreparedStatement find = connection.prepareStatement(
                        "SELECT 1 FROM router_writes WHERE account_id = ? AND idempotency_key = ?")) {
                    find.setLong(1, account);
                    find.setString(2, key);
                    try (ResultSet rs = find.executeQuery()) {
                        present = rs.next();
                    }
                }
                if (!present) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO router_writes (account_id, idempotency_key) VALUES (?, ?)")) {
                        insert.setLong(1, account);
                        insert.setString(2, key);
                        insert.executeUpdate();
                    }
                }
                connection.commit();
                return present;
            } catch (SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the pool evicts it
                }
                throw e;
            }
        }
    }
}
