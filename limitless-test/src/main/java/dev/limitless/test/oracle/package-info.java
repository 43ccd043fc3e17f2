/**
 * The shard-touch oracle: asks PostgreSQL's planner (partition pruning) and tuple routing how many emulated shards
 * a statement touches on the local Limitless emulation, so that tests can judge a guard, a repository or a query
 * against the database instead of against expectations written by hand. For tests and benchmarks only.
 */
package dev.limitless.test.oracle;
