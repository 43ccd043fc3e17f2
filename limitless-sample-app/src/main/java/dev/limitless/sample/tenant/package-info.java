/**
 * The tenant-scoped path: requests that carry the account in a header ({@code X-Account-Id}) or in the path run inside
 * an active shard key, and the repository and {@code JdbcClient} statements below omit the key yet run on one shard
 * (docs/active-shard-key.md).
 */
package dev.limitless.sample.tenant;
