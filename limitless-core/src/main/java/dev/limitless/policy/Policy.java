package dev.limitless.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link PolicyAction} for each case of one kind: each {@code Route} for the shard-scope guard
 * ({@code Policy<Route>}), each {@code PinningReason} for the pinning detector ({@code Policy<PinningReason>}).
 * Immutable; {@code with(...)} returns a changed copy. The action for a case is an array read, so a policy costs
 * nothing on the hot path.
 *
 * <pre>{@code
 * Policy<Route> guard = Policy.defaults(Route.class).with(Route.SCATTER, PolicyAction.WARN);
 * Policy<PinningReason> pinning = Policy.all(PinningReason.class, PolicyAction.REFUSE); // behind RDS Proxy
 * }</pre>
 *
 * @param <K> the cases decided on: {@code Route} or {@code PinningReason}
 */
public final class Policy<K extends Enum<K> & Policy.Case> {

    /** A case a policy decides on, with the action limitless takes for it unless told otherwise. */
    public interface Case {

        /** The action of {@link Policy#defaults(Class)} for this case. */
        PolicyAction defaultAction();
    }

    private final Class<K> cases;
    private final PolicyAction[] actions;

    private Policy(Class<K> cases, PolicyAction[] actions) {
        this.cases = cases;
        this.actions = actions;
    }

    /**
     * Each case's {@link Case#defaultAction()}. For routes: SCATTER refused, UNKNOWN refused when the text names a
     * sharded table, everything else allowed (MULTI_SHARD counted by metrics). For pinning reasons: warn on every one.
     */
    public static <K extends Enum<K> & Case> Policy<K> defaults(Class<K> cases) {
        K[] values = cases.getEnumConstants();
        PolicyAction[] actions = new PolicyAction[values.length];
        for (K value : values) {
            actions[value.ordinal()] = Objects.requireNonNull(value.defaultAction(), "defaultAction");
        }
        return new Policy<>(cases, actions);
    }

    /** The same action for every case, e.g. {@code all(PinningReason.class, REFUSE)} behind RDS Proxy. */
    public static <K extends Enum<K> & Case> Policy<K> all(Class<K> cases, PolicyAction action) {
        PolicyAction[] actions = new PolicyAction[cases.getEnumConstants().length];
        Arrays.fill(actions, Objects.requireNonNull(action, "action"));
        return new Policy<>(cases, actions);
    }

    /**
     * The defaults with every refusal turned into a warning: nothing is refused (by route: rule violations such as an
     * insert without its shard key still are), for watching an application before enforcing.
     */
    public static <K extends Enum<K> & Case> Policy<K> observeOnly(Class<K> cases) {
        Policy<K> defaults = defaults(cases);
        PolicyAction[] actions = defaults.actions;
        for (int i = 0; i < actions.length; i++) {
            if (actions[i] == PolicyAction.REFUSE) {
                actions[i] = PolicyAction.WARN;
            }
        }
        return defaults;
    }

    /** A copy that takes {@code action} for {@code key}. */
    public Policy<K> with(K key, PolicyAction action) {
        PolicyAction[] copy = actions.clone();
        copy[key.ordinal()] = Objects.requireNonNull(action, "action");
        return new Policy<>(cases, copy);
    }

    /** A copy with the given overrides applied. */
    public Policy<K> with(Map<K, PolicyAction> overrides) {
        PolicyAction[] copy = actions.clone();
        overrides.forEach((key, action) -> copy[key.ordinal()] = Objects.requireNonNull(action, "action"));
        return new Policy<>(cases, copy);
    }

    /** The action for a case (for the route UNKNOWN: when the text names a sharded table). */
    public PolicyAction action(K key) {
        return actions[key.ordinal()];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Policy<?> policy && cases == policy.cases && Arrays.equals(actions, policy.actions);
    }

    @Override
    public int hashCode() {
        return 31 * cases.hashCode() + Arrays.hashCode(actions);
    }

    /** E.g. {@code Policy<Route>{single_shard=allow, multi_shard=allow, scatter=refuse, ...}}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Policy<").append(cases.getSimpleName()).append(">{");
        K[] values = cases.getEnumConstants();
        for (K value : values) {
            text.append(value.name().toLowerCase(Locale.ROOT)).append('=')
                    .append(actions[value.ordinal()].name().toLowerCase(Locale.ROOT))
                    .append(value.ordinal() + 1 < values.length ? ", " : "}");
        }
        return text.toString();
    }
}
