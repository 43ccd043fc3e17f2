package dev.limitless.guard;

/** A statement the guard could not analyze (UNKNOWN) that names a sharded table. */
public final class UnanalyzableStatementException extends ShardScopeException {

    private static final long serialVersionUID = 1L;

    UnanalyzableStatementException(String message, Verdict verdict) {
        super(message, verdict);
    }
}
