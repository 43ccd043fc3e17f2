package dev.limitless.guard;

/** An INSERT into a sharded table that does not supply every shard-key column; refused under every policy. */
public final class MissingShardKeyException extends ShardScopeException {

    private static final long serialVersionUID = 1L;

    MissingShardKeyException(String message, Verdict verdict) {
        super(message, verdict);
    }
}
