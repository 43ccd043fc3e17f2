package dev.limitless.sqs;

import java.util.List;

/**
 * What the writer did with one batch.
 *
 * @param messages messages in the batch
 * @param groups shard groups they formed (messages that did not decode form none)
 * @param written messages written now
 * @param duplicates messages acknowledged without writing: written before under the same idempotency key
 * @param failedMessageIds messages to report as failed ({@code batchItemFailures}): SQS delivers them again, then
 *     moves them to the dead-letter queue after the queue's {@code maxReceiveCount}
 */
public record BatchResult(int messages, int groups, int written, int duplicates, List<String> failedMessageIds) {

    public BatchResult {
        failedMessageIds = List.copyOf(failedMessageIds);
    }

    /** Whether every message was written or was a duplicate. */
    public boolean allSucceeded() {
        return failedMessageIds.isEmpty();
    }
}
