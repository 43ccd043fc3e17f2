package dev.limitless.benchmarks.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.metrics.MicrometerMetrics;
import dev.limitless.pinning.PinningAction;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningPolicy;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The guarded single-row primary-key SELECT (as in the guard's benchmark) with and without pinning classification
 * and Micrometer metrics, in one run: {@code guardedOnly} has the pinning policy on allow and no-op metrics,
 * {@code guardedWithPinningAndMetrics} has the recommended refuse policy and a real registry. Budget: at most 2% apart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class GuardedSelectMetricsBenchmark {

    static final String PK_SELECT = "SELECT owner FROM accounts WHERE account_id = ?";

    private TestDatabase database;
    private HikariDataSource pool;
    private DataSource guardedOnly;
    private DataSource guardedWithPinningAndMetrics;
    private long key;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        database = PostgresServers.shared().createDatabase("bench_guarded_metrics", 16);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE accounts (account_id bigint PRIMARY KEY, owner text NOT NULL);
                    COMMIT;
                    INSERT INTO accounts SELECT g, 'owner ' || g FROM generate_series(1, 1000) g;
                    ANALYZE accounts;
                    """);
        }
        pool = database.newPool(2);
        ShardCatalog catalog = CatalogFile.parse("""
                tables:
                  - name: accounts
                    mode: sharded
                    shardKey: [account_id]
                """, "benchmark", "public");
        ShardScopeGuard guard = ShardScopeGuard.of(catalog);
        guardedOnly = new GuardedDataSource(pool, guard, new PinningDetector(PinningPolicy.all(PinningAction.ALLOW)),
                LimitlessMetrics.noop());
        MicrometerMetrics metrics = MicrometerMetrics.of(new SimpleMeterRegistry());
        guardedWithPinningAndMetrics = new GuardedDataSource(pool, guard,
                new PinningDetector(PinningPolicy.all(PinningAction.REFUSE), metrics::pinningRisk), metrics);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        database.close();
    }

    @Benchmark
    public String guardedOnly() throws SQLException {
        return select(guardedOnly);
    }

    @Benchmark
    public String guardedWithPinningAndMetrics() throws SQLException {
        return select(guardedWithPinningAndMetrics);
    }

    private String select(DataSource dataSource) throws SQLException {
        key = key % 1000 + 1;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PK_SELECT)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
