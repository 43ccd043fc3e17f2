package dev.limitless.guard;

/** An UPDATE that assigns a shard-key column, which Limitless rejects; refused under every policy. */
public final class ShardKeyUpdateException extends ShardScopeException {

    private static final long serialVersionUID = 1L;

    ShardKeyUpdateException(String message, Verdict verdict) {
        super(message, verdict);
    }
}
