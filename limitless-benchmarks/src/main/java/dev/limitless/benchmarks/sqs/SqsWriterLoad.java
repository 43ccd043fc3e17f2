package dev.limitless.benchmarks.sqs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shard-grouped SQS batch writer against one transaction per message, as a load run for the performance report:
 * batches of 10 messages over 1, 10 and 100 distinct shard keys, rows per second, transactions per batch and the
 * most pool connections in use at once (read from HikariCP's pool MXBean inside each group's transaction).
 */
public final class SqsWriterLoad {

    /** Distinct shard keys the messages are spread over. */
    static final int[] KEYS = {1, 10, 100};

    private SqsWriterLoad() {
    }

    /**
     * One configuration's figures.
     *
     * @param keys distinct shard keys
     * @param writer how the batch was written
     * @param maxConcurrentTransactions the writer's bound
     * @param rowsPerSecond rows written per second (wall time, one caller)
     * @param transactionsPerBatch database transactions per batch of 10
     * @param peakConnections most pool connections in use at once
     */
    public record Result(int keys, String writer, int maxConcurrentTransactions, double rowsPerSecond,
            double transactionsPerBatch, int peakConnections) {
    }

    /** Measures every configuration: {@code warmup} unmeasured then {@code batches} measured batches each. */
    public static List<Result> measure(int warmup, int batches) throws Exception {
        List<Result> results = new ArrayList<>();
        for (int keys : KEYS) {
            try (SqsWriterFixture fixture = new SqsWriterFixture(keys, 1)) {
                results.add(run(fixture, keys, "one transaction per message", 1, false, warmup, batches));
                results.add(run(fixture, keys, "grouped by shard key", 1, true, warmup, batches));
            }
            try (SqsWriterFixture fixture = new SqsWriterFixture(keys, 4)) {
                results.add(run(fixture, keys, "grouped by shard key", 4, true, warmup, batches));
            }
        }
        return results;
    }

    private static Result run(SqsWriterFixture fixture, int keys, String writer, int concurrency, boolean grouped,
            int warmup, int batches) {
        for (int i = 0; i < warmup; i++) {
            write(fixture, grouped);
        }
        fixture.resetCounters();
        long rows = 0;
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            rows += write(fixture, grouped);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Result result = new Result(keys, writer, concurrency, rows / seconds,
                (double) fixture.transactions() / batches, fixture.peakConnections());
        System.out.println(String.format(Locale.ROOT, "sqs writer, %d keys, %s (max %d transactions): %.0f rows/s,"
                + " %.1f transactions per batch, peak %d connections", keys, writer, concurrency,
                result.rowsPerSecond(), result.transactionsPerBatch(), result.peakConnections()));
        return result;
    }

    private static int write(SqsWriterFixture fixture, boolean grouped) {
        var batch = fixture.nextBatch();
        return grouped ? fixture.writeGrouped(batch) : fixture.writeOneByOne(batch);
    }

    /** The performance report's section. */
    public static String markdown(List<Result> results, int batches) {
        if (results.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n## SQS batch writer\n\n")
                .append("Batches of ").append(SqsWriterFixture.BATCH).append(" messages written by limitless-sqs'"
                        + " `ShardGroupedBatchWriter` into the embedded PostgreSQL with the Limitless emulation (16"
                        + " shards), through the guarded DataSource: each message inserts an entry, adds to its"
                        + " account's balance and is claimed in the deduplication table. \"One transaction per"
                        + " message\" is the same writer fed one message at a time. Keys: distinct accounts the"
                        + " messages are spread over (uniformly at random). ").append(String.format(Locale.ROOT,
                        "%,d measured batches per row, one caller thread; connections: the most pool connections in"
                        + " use at once, read from HikariCP's pool MXBean inside each group's transaction"
                        + " ([sqs.md](sqs.md)). `SqsBatchWriterBenchmark` measures the same with JMH.\n\n", batches))
                .append("| keys | writer | max concurrent transactions | rows/s | transactions per batch | peak connections |\n")
                .append("|---:|---|---:|---:|---:|---:|\n");
        for (Result result : results) {
            out.append(String.format(Locale.ROOT, "| %d | %s | %d | %,.0f | %.1f | %d |\n", result.keys(),
                    result.writer(), result.maxConcurrentTransactions(), result.rowsPerSecond(),
                    result.transactionsPerBatch(), result.peakConnections()));
        }
        return out.toString();
    }
}
