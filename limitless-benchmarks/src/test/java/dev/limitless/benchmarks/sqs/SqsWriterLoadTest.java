package dev.limitless.benchmarks.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQS writer load run on a few batches: what it counts is what happened, and its section comes from it. */
class SqsWriterLoadTest {

    @Test
    void countsTransactionsAndConnectionsOfEachWriterAndWritesTheSection() throws Exception {
        List<SqsWriterLoad.Result> results = SqsWriterLoad.measure(1, 4);

        assertThat(results).hasSize(9);
        assertThat(results).allSatisfy(result -> {
            assertThat(result.rowsPerSecond()).isPositive();
            assertThat(result.peakConnections()).isBetween(1, result.maxConcurrentTransactions());
        });
        SqsWriterLoad.Result oneKeyPerMessage = results.get(0);
        SqsWriterLoad.Result oneKeyGrouped = results.get(1);
        assertThat(oneKeyPerMessage.writer()).isEqualTo("one transaction per message");
        assertThat(oneKeyPerMessage.transactionsPerBatch()).isEqualTo(10.0);
        assertThat(oneKeyGrouped.transactionsPerBatch()).as("one key: the whole batch in one transaction").isEqualTo(1.0);
        assertThat(results.get(7).transactionsPerBatch()).as("100 keys: about one group per message").isGreaterThan(5.0);

        String section = SqsWriterLoad.markdown(results, 4);
        assertThat(section).startsWith("\n## SQS batch writer\n").contains("| 1 | grouped by shard key | 1 |")
                .contains("| 100 | one transaction per message | 1 |");
        assertThat(SqsWriterLoad.markdown(List.of(), 4)).isEmpty();
    }
}
