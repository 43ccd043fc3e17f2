package dev.limitless.failure;

import java.util.Locale;

/** How a unit of work that failed at least once ended: the {@code outcome} tag of {@code limitless.retries}. */
public enum RetryOutcome {
    /** A retry succeeded. */
    SUCCESS_AFTER_RETRY,
    /** Every allowed attempt failed with a transient failure. */
    EXHAUSTED,
    /** The failure was not transient (permanent or unknown): not retried. */
    NOT_RETRYABLE,
    /** The failure was transient but the retry budget was spent: not retried, to not multiply load in a storm. */
    BUDGET_EXHAUSTED;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The lower-case tag value. */
    public String tag() {
        return tag;
    }
}
