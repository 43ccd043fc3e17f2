package dev.limitless.benchmarks.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.metrics.MicrometerMetrics;
import dev.limitless.metrics.StatementMeters;
import dev.limitless.metrics.StatementOperation;
import dev.limitless.metrics.StatementSample;
import dev.limitless.pinning.PinningClassifier;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningPolicy;
import dev.limitless.pinning.PinningRisks;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What pinning classification and metrics add to a single-row SELECT by primary key on the embedded PostgreSQL
 * through HikariCP, in one run: the plain statement, the statement with the per-execution pinning check (cached
 * risks) and a Micrometer timer sample, and the same with the no-op metrics. The per-text costs (the first
 * classification of a distinct SQL text, the per-execution check and sample alone) are measured in isolation.
 *
 * <p>Run: {@code java -jar limitless-benchmarks/target/limitless-benchmarks.jar PinningAndMetricsBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PinningAndMetricsBenchmark {

    static final String SELECT = "SELECT owner FROM accounts WHERE account_id = ?";
    static final String JOIN = "SELECT a.owner, t.amount FROM accounts a JOIN transactions t"
            + " ON t.account_id = a.account_id WHERE a.account_id = ? AND t.created_at > now() - interval '1 day'"
            + " ORDER BY t.created_at DESC LIMIT 20";

    private TestDatabase database;
    private HikariDataSource pool;
    private Connection connection;
    private PreparedStatement select;
    private PinningDetector detector;
    private PinningRisks risks;
    private StatementMeters micrometer;
    private StatementMeters noop;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        database = PostgresServers.shared().createDatabase("bench_metrics", 4);
        pool = database.newPool(2);
        try (Connection setup = pool.getConnection(); Statement statement = setup.createStatement()) {
            statement.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE accounts (account_id bigint PRIMARY KEY, owner text NOT NULL);
                    COMMIT;
                    INSERT INTO accounts SELECT i, 'owner ' || i FROM generate_series(1, 1000) i;
                    """);
        }
        connection = pool.getConnection();
        select = connection.prepareStatement(SELECT);
        LimitlessMetrics metrics = MicrometerMetrics.of(new SimpleMeterRegistry());
        detector = new PinningDetector(PinningPolicy.defaults(), metrics::pinningRisk);
        risks = PinningClassifier.classify(SELECT);
        micrometer = metrics.statementMeters("single_shard", "public.accounts", StatementOperation.SELECT);
        noop = LimitlessMetrics.noop().statementMeters("single_shard", "public.accounts", StatementOperation.SELECT);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        select.close();
        connection.close();
        pool.close();
        database.close();
    }

    @Benchmark
    public String selectPlain() throws SQLException {
        return runSelect();
    }

    @Benchmark
    public String selectWithPinningCheckAndMicrometer() throws SQLException {
        detector.check(SELECT, risks, false);
        StatementSample sample = micrometer.start();
        String owner = runSelect();
        sample.success();
        return owner;
    }

    @Benchmark
    public String selectWithPinningCheckAndNoopMetrics() throws SQLException {
        detector.check(SELECT, risks, false);
        StatementSample sample = noop.start();
        String owner = runSelect();
        sample.success();
        return owner;
    }

    /** The per-execution cost alone: the check of cached risks and one timer sample. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void perExecutionCheckAndSample() throws SQLException {
        detector.check(SELECT, risks, false);
        micrometer.start().success();
    }

    /** The once-per-distinct-text cost: lexical classification of a typical OLTP join. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void classifyDistinctText(Blackhole blackhole) {
        blackhole.consume(PinningClassifier.classify(JOIN));
    }

    private String runSelect() throws SQLException {
        select.setLong(1, 42);
        try (ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
