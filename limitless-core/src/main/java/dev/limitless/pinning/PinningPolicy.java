package dev.limitless.pinning;

import java.util.Arrays;
import java.util.Map;

/**
 * The {@link PinningAction} for each {@link PinningReason}. Immutable; {@link #defaults()} warns on every reason.
 */
public final class PinningPolicy {

    private static final PinningReason[] REASONS = PinningReason.values();

    private final PinningAction[] actions;

    private PinningPolicy(PinningAction[] actions) {
        this.actions = actions;
    }

    /** Warn on every reason. */
    public static PinningPolicy defaults() {
        return all(PinningAction.WARN);
    }

    /** The same action for every reason, e.g. {@code all(REFUSE)} behind RDS Proxy. */
    public static PinningPolicy all(PinningAction action) {
        PinningAction[] actions = new PinningAction[REASONS.length];
        Arrays.fill(actions, action);
        return new PinningPolicy(actions);
    }

    /** This policy with a different action for one reason. */
    public PinningPolicy with(PinningReason reason, PinningAction action) {
        PinningAction[] copy = actions.clone();
        copy[reason.ordinal()] = action;
        return new PinningPolicy(copy);
    }

    /** This policy with the given overrides applied. */
    public PinningPolicy with(Map<PinningReason, PinningAction> overrides) {
        PinningAction[] copy = actions.clone();
        overrides.forEach((reason, action) -> copy[reason.ordinal()] = action);
        return new PinningPolicy(copy);
    }

    /** The action for a reason. */
    public PinningAction actionFor(PinningReason reason) {
        return actions[reason.ordinal()];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PinningPolicy policy && Arrays.equals(actions, policy.actions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(actions);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("PinningPolicy{");
        for (PinningReason reason : REASONS) {
            text.append(reason.tag()).append('=').append(actions[reason.ordinal()].name().toLowerCase(java.util.Locale.ROOT));
            text.append(reason.ordinal() + 1 < REASONS.length ? ", " : "}");
        }
        return text.toString();
    }
}
