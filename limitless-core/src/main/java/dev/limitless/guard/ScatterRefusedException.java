package dev.limitless.guard;

/** A SCATTER (or, under a stricter policy, MULTI_SHARD) statement refused by the policy. */
public final class ScatterRefusedException extends ShardScopeException {

    private static final long serialVersionUID = 1L;

    ScatterRefusedException(String message, Verdict verdict) {
        super(message, verdict);
    }
}
