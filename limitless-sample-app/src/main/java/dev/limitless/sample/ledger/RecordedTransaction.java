package dev.limitless.sample.ledger;

/**
 * The outcome of recording a transaction.
 *
 * @param transaction the stored transaction (for a replay, the one stored the first time)
 * @param replayed {@code true} when the idempotency key had been used before and nothing new was written
 */
public record RecordedTransaction(Transaction transaction, boolean replayed) {
}
