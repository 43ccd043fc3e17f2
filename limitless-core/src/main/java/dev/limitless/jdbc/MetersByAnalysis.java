package dev.limitless.jdbc;

import dev.limitless.guard.StatementAnalysis;
import dev.limitless.metrics.StatementMeters;
import java.lang.ref.WeakReference;
import java.util.function.Function;

/**
 * The meters of recently executed statements, found by the identity of the guard's cached analysis: a direct-mapped
 * table of {@value #SLOTS} slots, each holding one analysis weakly (so evictions from the guard's cache are
 * followed) and its meters. A hit is one array read and one reference comparison: no allocation, no lock, no read
 * buffer and no maintenance task handed to another thread, which a weak-keyed Caffeine cache does every few reads
 * and which cost microseconds per statement on a busy machine. Two hot statements in one slot resolve their meters
 * again (a few map lookups) instead of finding them.
 */
final class MetersByAnalysis {

    static final int SLOTS = 1024;

    private final Slot[] slots = new Slot[SLOTS];
    private final Function<StatementAnalysis, StatementMeters> resolver;

    MetersByAnalysis(Function<StatementAnalysis, StatementMeters> resolver) {
        this.resolver = resolver;
    }

    StatementMeters get(StatementAnalysis analysis) {
        int index = spread(System.identityHashCode(analysis)) & (SLOTS - 1);
        Slot slot = slots[index];
        if (slot != null && slot.get() == analysis) {
            return slot.meters;
        }
        StatementMeters meters = resolver.apply(analysis);
        // a racy write is safe: a Slot's fields are final, a reader sees it whole or not at all
        slots[index] = new Slot(analysis, meters);
        return meters;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static final class Slot extends WeakReference<StatementAnalysis> {

        final StatementMeters meters;

        Slot(StatementAnalysis analysis, StatementMeters meters) {
            super(analysis);
            this.meters = meters;
        }
    }
}
