/**
 * The local emulation of Aurora PostgreSQL Limitless Database on a plain PostgreSQL 14 or newer
 * ({@link dev.limitless.local.LocalLimitless}): sharded and reference tables as hash partitions, Limitless DDL,
 * {@code rds_aurora.limitless_tables}, the transaction routers' functions and the active shard key, for tests and local
 * runs. Never needed on a production class path: limitless-test brings it for tests, the CLI for {@code local-install},
 * and the starter uses it (an optional dependency) only for {@code limitless.local.install=true}.
 */
package dev.limitless.local;
