package dev.limitless.benchmarks.metrics;

import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.metrics.MicrometerMetrics;
import dev.limitless.metrics.StatementMeters;
import dev.limitless.metrics.StatementOperation;
import dev.limitless.pinning.internal.PinningClassifier;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.pinning.PinningRisks;
import dev.limitless.policy.Policy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What pinning classification and metrics cost alone, without a database: the per-execution check of a text's
 * cached pinning risks with one Micrometer timer sample, and the once-per-distinct-text classification of an OLTP
 * join. The whole statement path, wrapper and guard included, is {@code LibraryCostBenchmark}.
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

    private PinningDetector detector;
    private PinningRisks risks;
    private StatementMeters micrometer;

    @Setup(Level.Trial)
    public void setUp() {
        LimitlessMetrics metrics = MicrometerMetrics.of(new SimpleMeterRegistry());
        detector = new PinningDetector(Policy.defaults(PinningReason.class), metrics::pinningRisk);
        risks = PinningClassifier.classify(SELECT);
        micrometer = metrics.statementMeters("single_shard", "public.accounts", StatementOperation.SELECT);
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
}
