package dev.limitless.guard;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the guard does per {@link Route}. Immutable; {@link #with} returns a changed copy.
 *
 * <p>{@link #defaults()}: SCATTER refused, MULTI_SHARD allowed (and counted by metrics), UNKNOWN refused when the
 * text names a sharded table (an unknown statement that names none is always allowed), everything else allowed.
 * Inserts without the full shard key and updates of a shard-key column are refused under every policy.
 */
public final class GuardPolicy {

    private static final GuardPolicy DEFAULTS = new GuardPolicy(new PolicyAction[] {
        PolicyAction.ALLOW, // SINGLE_SHARD
        PolicyAction.ALLOW, // MULTI_SHARD
        PolicyAction.REFUSE, // SCATTER
        PolicyAction.ALLOW, // REFERENCE
        PolicyAction.ALLOW, // STANDARD
        PolicyAction.REFUSE // UNKNOWN naming a sharded table
    });

    private final PolicyAction[] actions;

    private GuardPolicy(PolicyAction[] actions) {
        this.actions = actions;
    }

    /** SCATTER refused, UNKNOWN naming a sharded table refused, everything else allowed. */
    public static GuardPolicy defaults() {
        return DEFAULTS;
    }

    /** Nothing refused by route (rule violations still are); useful to observe an application before enforcing. */
    public static GuardPolicy observeOnly() {
        return DEFAULTS.with(Route.SCATTER, PolicyAction.WARN).with(Route.UNKNOWN, PolicyAction.WARN);
    }

    /** A copy that takes {@code action} for {@code route}. */
    public GuardPolicy with(Route route, PolicyAction action) {
        PolicyAction[] copy = actions.clone();
        copy[route.ordinal()] = Objects.requireNonNull(action, "action");
        return new GuardPolicy(copy);
    }

    /** The action for a route (for UNKNOWN: when the text names a sharded table). */
    public PolicyAction action(Route route) {
        return actions[route.ordinal()];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GuardPolicy policy && Arrays.equals(actions, policy.actions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(actions);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("GuardPolicy{");
        for (Route route : Route.values()) {
            text.append(route).append('=').append(actions[route.ordinal()]).append(route == Route.UNKNOWN ? "}" : ", ");
        }
        return text.toString();
    }
}
