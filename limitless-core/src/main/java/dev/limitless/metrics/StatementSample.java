package dev.limitless.metrics;

/**
 * One execution of a statement being measured, from {@link StatementMeters#start()}. End it exactly once.
 * Not thread-safe: one execution belongs to one thread.
 */
public interface StatementSample {

    /** The statement completed. */
    void success();

    /** The driver or the database threw {@code error}. */
    void error(Throwable error);

    /**
     * The statement was refused before reaching the driver; also counts {@code limitless.guard.refusals}.
     *
     * @param reason the refusal reason tag from a fixed set, e.g. {@code scatter} or {@code pinning}; never SQL or values
     */
    void refused(String reason);
}
