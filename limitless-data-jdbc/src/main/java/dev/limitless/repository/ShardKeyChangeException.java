package dev.limitless.repository;

/**
 * Refuses to save an entity whose shard key differs from the one it was loaded or saved with. Aurora Limitless
 * cannot update a shard key ({@code Shard key column update is not supported}); move a row by deleting it and
 * inserting a new entity with the new key. Thrown before any SQL is sent.
 */
public class ShardKeyChangeException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ShardKeyChangeException(String message) {
        super(message);
    }
}
