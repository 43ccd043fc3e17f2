package dev.limitless.guard;

/**
 * A statement run with an active shard key that Aurora Limitless would reject: it names a sharded table whose shard key
 * has another number of columns than the active key, or sharded tables of more than one collocation group. Refused
 * before it is sent; no opt-in lifts it inside the key scope (an {@code allowScatter} scope suspends the key).
 */
public final class ActiveShardKeyException extends ShardScopeException {

    private static final long serialVersionUID = 1L;

    ActiveShardKeyException(String message, Verdict verdict) {
        super(message, verdict);
    }
}
