package dev.limitless.failure;

/** Whether running a unit of work again can succeed where it failed. */
public enum FailureClass {
    /** The failure says nothing about the unit of work: running an idempotent unit again may succeed. */
    TRANSIENT,
    /** The unit of work itself is wrong (refused statement, constraint, syntax, data): running it again fails again. */
    PERMANENT,
    /** Not known to be either: never retried automatically. */
    UNKNOWN
}
