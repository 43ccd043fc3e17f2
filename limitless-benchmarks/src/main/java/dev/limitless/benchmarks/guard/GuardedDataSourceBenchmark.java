package dev.limitless.benchmarks.guard;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
 * A single-row primary-key SELECT through HikariCP on the embedded PostgreSQL (16 emulated shards), raw pool versus
 * the same pool behind {@link GuardedDataSource}. Budget: guarded at most 3% slower.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GuardedDataSourceBenchmark {

    private TestDatabase database;
    private HikariDataSource pool;
    private DataSource guarded;
    private long key;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        database = PostgresServers.shared().createDatabase("bench", 16);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE accounts (account_id bigint PRIMARY KEY, owner text NOT NULL, balance numeric(19,2) DEFAULT 0);
                    COMMIT;
                    INSERT INTO accounts (account_id, owner) SELECT g, 'owner ' || g FROM generate_series(1, 1000) g;
                    ANALYZE accounts;
                    """);
        }
        pool = database.newPool(2);
        guarded = new GuardedDataSource(pool, ShardScopeGuard.of(BenchmarkCatalog.LEDGER));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        database.close();
    }

    @Benchmark
    public String raw() throws SQLException {
        return select(pool);
    }

    @Benchmark
    public String guarded() throws SQLException {
        return select(guarded);
    }

    private String select(DataSource dataSource) throws SQLException {
        key = key % 1000 + 1;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(BenchmarkCatalog.PK_SELECT)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
