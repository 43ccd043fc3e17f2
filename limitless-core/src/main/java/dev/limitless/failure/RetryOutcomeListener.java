package dev.limitless.failure;

/** Hears how each unit of work that failed at least once ended. Called on the caller's thread; keep it cheap. */
@FunctionalInterface
public interface RetryOutcomeListener {

    /**
     * @param outcome how it ended
     * @param failure the last failure seen (for {@link RetryOutcome#SUCCESS_AFTER_RETRY}: the last one retried)
     * @param retries how many times the unit was run again (0 when it was not retried)
     */
    void onOutcome(RetryOutcome outcome, SqlFailure failure, int retries);

    /** A listener that does nothing. */
    static RetryOutcomeListener none() {
        return (outcome, failure, retries) -> { };
    }
}
