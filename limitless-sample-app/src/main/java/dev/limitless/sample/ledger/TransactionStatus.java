package dev.limitless.sample.ledger;

/** What became of a transaction. */
public enum TransactionStatus {
    /** Applied to the account's balance. */
    BOOKED,
    /** Recorded but not applied: a debit larger than the balance. */
    FAILED
}
