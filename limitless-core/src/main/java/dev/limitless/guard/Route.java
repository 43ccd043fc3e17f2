package dev.limitless.guard;

/** Where a statement runs on Aurora PostgreSQL Limitless Database, as decided from its SQL text alone. */
public enum Route {
    /** Every sharded table is pinned to one shard-key value (directly or by a key join to a collocated table). */
    SINGLE_SHARD,
    /** A bounded set of shards: IN lists, {@code = ANY(...)}, OR of key equalities, multi-row VALUES, UNION of scoped branches. */
    MULTI_SHARD,
    /** Some sharded table is read or written on every shard: no usable filter on its full shard key. */
    SCATTER,
    /** Only reference tables (copied to every shard): answered locally. */
    REFERENCE,
    /** No sharded or reference table, or a statement that is not a query or DML (SET, BEGIN, DDL ...). */
    STANDARD,
    /** The guard could not analyze the text (unparseable, too long, too deeply nested). */
    UNKNOWN
}
