package dev.limitless.benchmarks.paired;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.metrics.MicrometerMetrics;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The guard's budgeted pairs: a single-row primary-key SELECT through one HikariCP pool on the embedded PostgreSQL
 * with 16 emulated shards, raw versus behind {@link GuardedDataSource} (guard only: pinning allowed, no-op metrics;
 * and guard with the refusing pinning policy and Micrometer metrics with the default percentile histogram). All
 * sides share the pool, its connections and their server-side prepared statements.
 */
public final class GuardedSelectPairs {

    /** Budget of the guard alone over raw HikariCP. */
    public static final double GUARD_BUDGET = 1.03;
    /** Budget of guard + pinning + metrics over raw HikariCP. */
    public static final double GUARD_PINNING_METRICS_BUDGET = 1.02;

    static final String PK_SELECT = "SELECT owner FROM accounts WHERE account_id = ?";

    private GuardedSelectPairs() {
    }

    public static List<PairedRatio> measure(PairedRunner.Settings settings) throws Exception {
        try (TestDatabase database = PostgresServers.shared().createDatabase("paired_guard", 16)) {
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
            ShardCatalog catalog = CatalogFile.parse("""
                    tables:
                      - name: accounts
                        mode: sharded
                        shardKey: [account_id]
                    """, "benchmark", "public");
            try (HikariDataSource pool = database.newPool(2);
                 ShardScopeGuard guard = ShardScopeGuard.of(catalog)) {
                DataSource guardOnly = new GuardedDataSource(pool, guard,
                        new PinningDetector(Policy.all(PinningReason.class, PolicyAction.ALLOW)), LimitlessMetrics.noop());
                MicrometerMetrics metrics = MicrometerMetrics.of(new SimpleMeterRegistry());
                DataSource guardPinningMetrics = new GuardedDataSource(pool, guard,
                        new PinningDetector(Policy.all(PinningReason.class, PolicyAction.REFUSE), metrics::pinningRisk), metrics);
                Keys keys = new Keys();
                PairedRunner.warmUp(settings, () -> select(pool, keys), () -> select(guardOnly, keys),
                        () -> select(guardPinningMetrics, keys));
                PairedRatio withMetrics = PairedRunner.run("guard + pinning + metrics / raw HikariCP, PK SELECT",
                        GUARD_PINNING_METRICS_BUDGET, () -> select(pool, keys), () -> select(guardPinningMetrics, keys),
                        settings);
                PairedRatio guardAlone = PairedRunner.run("guard only / raw HikariCP, PK SELECT", GUARD_BUDGET,
                        () -> select(pool, keys), () -> select(guardOnly, keys), settings);
                return List.of(withMetrics, guardAlone);
            }
        }
    }

    private static String select(DataSource dataSource, Keys keys) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PK_SELECT)) {
            statement.setLong(1, keys.next());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Cycles through the 1,000 rows, shared by both sides. */
    private static final class Keys {
        private long key;

        long next() {
            key = key % 1000 + 1;
            return key;
        }
    }
}
