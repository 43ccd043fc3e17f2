package dev.limitless.guard;

/** What the guard does with a statement of a given route. */
public enum PolicyAction {
    /** Throw a {@link ShardScopeException} before the statement reaches the driver. */
    REFUSE,
    /** Let it run and log a warning (once per distinct SQL text). */
    WARN,
    /** Let it run. */
    ALLOW
}
