package dev.limitless.sample.ledger;

/** Whether a transaction adds money to an account or takes it away. */
public enum Direction {
    CREDIT,
    DEBIT
}
