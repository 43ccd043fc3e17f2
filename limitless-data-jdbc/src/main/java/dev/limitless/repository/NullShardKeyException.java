package dev.limitless.repository;

/**
 * Refuses to save (or query by) a sharded entity whose shard key is null. Thrown before any SQL is sent:
 * Limitless routes every row to a shard by its shard key, so a row without one has nowhere to go.
 */
public class NullShardKeyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NullShardKeyException(String message) {
        super(message);
    }
}
