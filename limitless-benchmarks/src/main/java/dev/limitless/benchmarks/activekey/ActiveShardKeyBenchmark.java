package dev.limitless.benchmarks.activekey;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.guard.ShardScope;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.pinning.Topology;
import dev.limitless.policy.Policy;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the active shard key costs: one transaction of three statements (a read of the tenant's items, an update of
 * one, a read of it back) through the guarded data source on the local emulation, as an ordinary role over HikariCP.
 * {@code baselineExplicitKeys}: every statement names {@code tenant_id = ?}. {@code scopedExplicitKeys}: the same
 * statements inside {@code ShardScope.forKey}, so the difference is the {@code SET LOCAL} (one statement, one round
 * trip per transaction), the scope's bookkeeping and, on the emulation only, the row-level security policy and trigger
 * that an active key switches on. {@code scopedWithoutKeys}: inside the scope with no key predicate,
 * as tenant-scoped code is written; on the emulation it also pays row-level security over every partition (the
 * emulation filters rows, it does not prune partitions), which Aurora's router does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ActiveShardKeyBenchmark {

    private static final int TENANTS = 64;
    private static final int ITEMS = 8;

    private TestDatabase database;
    private HikariDataSource pool;
    private GuardedDataSource dataSource;
    private long next;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        database = PostgresServers.shared().createDatabase("bench_active_key", 16);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"tenant_id\"}';"
                    + " CREATE TABLE bench_items (tenant_id bigint, item_id bigint, qty bigint NOT NULL,"
                    + " PRIMARY KEY (tenant_id, item_id)); COMMIT;");
            s.execute("INSERT INTO bench_items SELECT t, i, 0 FROM generate_series(1, " + TENANTS + ") t,"
                    + " generate_series(1, " + ITEMS + ") i");
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bench_app') THEN"
                    + " CREATE ROLE bench_app LOGIN PASSWORD 'bench_app'; END IF; END $$");
            s.execute("GRANT SELECT, UPDATE ON bench_items TO bench_app");
            s.execute("ANALYZE bench_items");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername("bench_app");
        config.setPassword("bench_app");
        config.setMaximumPoolSize(1);
        config.addDataSourceProperty("assumeMinServerVersion", "16");
        config.addDataSourceProperty("ApplicationName", "bench");
        pool = new HikariDataSource(config);
        ShardCatalog catalog = ShardCatalog.of("public", List.of(
                TableDefinition.sharded(new TableName("public", "bench_items"), List.of("tenant_id"), null, "bench")));
        dataSource = new GuardedDataSource(pool, ShardScopeGuard.of(catalog),
                new PinningDetector(Policy.defaults(PinningReason.class), reason -> { }, Topology.LIMITLESS), LimitlessMetrics.noop());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        database.close();
    }

    private long tenant() {
        return 1 + (next++ % TENANTS);
    }

    @Benchmark
    public long baselineExplicitKeys() throws SQLException {
        long tenant = tenant();
        return explicitKeys(tenant);
    }

    @Benchmark
    public long scopedExplicitKeys() throws SQLException {
        long tenant = tenant();
        try (ShardScope scope = ShardScope.forKey(tenant)) {
            return explicitKeys(tenant);
        }
    }

    @Benchmark
    public long scopedWithoutKeys() throws SQLException {
        long tenant = tenant();
        try (ShardScope scope = ShardScope.forKey(tenant); Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long total;
            try (PreparedStatement read = c.prepareStatement("SELECT sum(qty) FROM bench_items")) {
                total = single(read);
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE bench_items SET qty = qty + 1 WHERE item_id = ?")) {
                update.setLong(1, 1 + tenant % ITEMS);
                total += update.executeUpdate();
            }
            try (PreparedStatement read = c.prepareStatement("SELECT qty FROM bench_items WHERE item_id = ?")) {
                read.setLong(1, 1 + tenant % ITEMS);
                total += single(read);
            }
            c.commit();
            return total;
        }
    }

    private long explicitKeys(long tenant) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long total;
            try (PreparedStatement read = c.prepareStatement("SELECT sum(qty) FROM bench_items WHERE tenant_id = ?")) {
                read.setLong(1, tenant);
                total = single(read);
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE bench_items SET qty = qty + 1 WHERE tenant_id = ? AND item_id = ?")) {
                update.setLong(1, tenant);
                update.setLong(2, 1 + tenant % ITEMS);
                total += update.executeUpdate();
            }
            try (PreparedStatement read = c.prepareStatement("SELECT qty FROM bench_items WHERE tenant_id = ? AND item_id = ?")) {
                read.setLong(1, tenant);
                read.setLong(2, 1 + tenant % ITEMS);
                total += single(read);
            }
            c.commit();
            return total;
        }
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
