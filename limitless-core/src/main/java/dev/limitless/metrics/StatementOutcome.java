package dev.limitless.metrics;

/** The {@code outcome} tag of {@code limitless.statement}. */
public enum StatementOutcome {
    /** The driver executed the statement without an exception. */
    SUCCESS("success"),
    /** The driver or the database threw. */
    ERROR("error"),
    /** This library refused the statement before it reached the driver (guard or pinning policy). */
    REFUSED("refused");

    private final String tag;

    StatementOutcome(String tag) {
        this.tag = tag;
    }

    /** The tag value, e.g. {@code refused}. */
    public String tag() {
        return tag;
    }
}
