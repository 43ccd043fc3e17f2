package dev.limitless.policy;

/**
 * What limitless does with a statement a {@link Policy} decides on: a statement of some route for the shard-scope
 * guard, a statement or driver setting that pins a proxy session for the pinning detector. In properties it is
 * written {@code refuse}, {@code warn} or {@code allow} (any case).
 */
public enum PolicyAction {
    /** Throw before the statement reaches the driver (a {@code ShardScopeException} or {@code PinningRefusedException}). */
    REFUSE,
    /** Let it run and log a warning, once per distinct SQL text. */
    WARN,
    /** Let it run (metrics still count it). */
    ALLOW
}
