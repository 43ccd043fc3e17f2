package dev.limitless.guard;

import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;

/**
 * Where a statement runs on Aurora PostgreSQL Limitless Database, as decided from its SQL text alone. The guard's
 * {@link Policy Policy&lt;Route&gt;} says what to do per route; {@link #defaultAction()} is the default.
 */
public enum Route implements Policy.Case {
    /** Every sharded table is pinned to one shard-key value (directly or by a key join to a collocated table). */
    SINGLE_SHARD(PolicyAction.ALLOW),
    /** A bounded set of shards: IN lists, {@code = ANY(...)}, OR of key equalities, multi-row VALUES, UNION of scoped branches. */
    MULTI_SHARD(PolicyAction.ALLOW),
    /** Some sharded table is read or written on every shard: no usable filter on its full shard key. */
    SCATTER(PolicyAction.REFUSE),
    /** Only reference tables (copied to every shard): answered locally. */
    REFERENCE(PolicyAction.ALLOW),
    /** No sharded or reference table, or a statement that is not a query or DML (SET, BEGIN, DDL ...). */
    STANDARD(PolicyAction.ALLOW),
    /** The guard could not analyze the text (unparseable, too long, too deeply nested). */
    UNKNOWN(PolicyAction.REFUSE);

    private final PolicyAction defaultAction;

    Route(PolicyAction defaultAction) {
        this.defaultAction = defaultAction;
    }

    /**
     * SCATTER: refuse; UNKNOWN: refuse when the text names a sharded table (an unknown statement that names none is
     * always allowed); every other route: allow (MULTI_SHARD is counted by metrics). Inserts without the full shard
     * key and updates of a shard-key column are refused under every policy.
     */
    @Override
    public PolicyAction defaultAction() {
        return defaultAction;
    }
}
