/**
 * Failures of database work: which are transient ({@link dev.limitless.failure.SqlFailure}), which units of work may
 * run again ({@link dev.limitless.failure.Idempotent}, {@link dev.limitless.failure.IdempotencyKey}) and running them
 * again safely ({@link dev.limitless.failure.TransientRetry} within a {@link dev.limitless.failure.RetryBudget}).
 */
package dev.limitless.failure;
