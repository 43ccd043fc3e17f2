package dev.limitless.repository;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shard key each aggregate instance was loaded or saved with, by identity, held weakly so that nothing is kept
 * alive. Entries of collected instances are dropped on the caller's thread at the next write: no buffer, no
 * maintenance task handed to another thread (a weak-keyed Caffeine cache schedules one on the common pool after
 * every write, which on a busy 2-core machine cost more than the rest of the repository layer).
 */
final class LoadedShardKeys {

    private final ConcurrentHashMap<Object, List<Object>> keys = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    /** The key {@code aggregate} was last loaded or saved with, or null. */
    List<Object> of(Object aggregate) {
        return keys.get(new Lookup(aggregate));
    }

    void remember(Object aggregate, List<Object> key) {
        if (keys.replace(new Lookup(aggregate), key) != null) {
            return; // saved again: the instance keeps its entry
        }
        for (Object gone = collected.poll(); gone != null; gone = collected.poll()) {
            keys.remove(gone);
        }
        keys.put(new Key(aggregate, collected), key);
    }

    int size() {
        return keys.size();
    }

    /** A stored key: equal to itself, and to a key or lookup of the same live instance. */
    private static final class Key extends WeakReference<Object> {

        private final int hash;

        Key(Object aggregate, ReferenceQueue<Object> queue) {
            super(aggregate, queue);
            this.hash = System.identityHashCode(aggregate);
        }

        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            Object referent = get();
            return referent != null && other instanceof Key key && key.get() == referent;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A probe for {@link #of}: equal to the stored key of the same instance. */
    private record Lookup(Object aggregate) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.get() == aggregate;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(aggregate);
        }
    }
}
