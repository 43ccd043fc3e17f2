package dev.limitless.benchmarks.sqs;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rows per second written from SQS batches of 10 messages into the embedded PostgreSQL with the Limitless
 * emulation, through the guarded DataSource: the shard-grouped writer (one transaction per distinct shard key of
 * the batch) against one transaction per message (same statements, same idempotency claim). {@code keys} is the
 * number of distinct accounts the messages are spread over: with 1, a batch is one group; with 100, a batch of 10
 * is about 10 groups, so the two should meet. One thread, one connection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SqsBatchWriterBenchmark {

    @Param({"1", "10", "100"})
    public int keys;

    private SqsWriterFixture fixture;
    private List<dev.limitless.sqs.QueueMessage> batch;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new SqsWriterFixture(keys, 1);
    }

    @Setup(Level.Invocation)
    public void nextBatch() {
        batch = fixture.nextBatch();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    /** One transaction per message: the score is rows per second. */
    @Benchmark
    @OperationsPerInvocation(SqsWriterFixture.BATCH)
    public int baselineOneTransactionPerMessage() {
        return fixture.writeOneByOne(batch);
    }

    /** One transaction per shard key of the batch: the score is rows per second. */
    @Benchmark
    @OperationsPerInvocation(SqsWriterFixture.BATCH)
    public int groupedByShardKey() {
        return fixture.writeGrouped(batch);
    }
}
