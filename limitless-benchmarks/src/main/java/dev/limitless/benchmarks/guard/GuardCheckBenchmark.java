package dev.limitless.benchmarks.guard;

import dev.limitless.guard.ShardScopeException;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.guard.StatementAnalysis;
import dev.limitless.guard.Verdict;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The guard's two costs: the hot path (a cached verdict plus the policy check, paid on every statement) and the
 * first analysis of a distinct SQL text (paid once per text: bounded parse plus routing).
 */
@State(Scope.Benchmark)
public class GuardCheckBenchmark {

    private ShardScopeGuard guard;
    private ShardScopeGuard uncached;
    private long counter;

    @Setup
    public void setUp() throws ShardScopeException {
        guard = ShardScopeGuard.of(BenchmarkCatalog.LEDGER);
        guard.check(BenchmarkCatalog.OLTP_JOIN);
        uncached = ShardScopeGuard.builder(BenchmarkCatalog.LEDGER).cacheSize(1_000).build();
    }

    /** Budget: 100 ns. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Verdict cachedCheck() throws ShardScopeException {
        return guard.check(BenchmarkCatalog.OLTP_JOIN);
    }

    /** Budget: 200 us median. Every call sees a new text (a counter in a trailing comment), so nothing is cached. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public StatementAnalysis firstAnalysis() {
        return uncached.analyze(BenchmarkCatalog.OLTP_JOIN + " -- " + counter++);
    }
}
