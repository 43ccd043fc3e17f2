package dev.limitless.pinning;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The pinning risks of one SQL text, computed once per distinct text (by the guard's analysis).
 *
 * <p>A transaction-scoped setting ({@code SET LOCAL}, {@code SET TRANSACTION}, {@code set_config(.., .., true)})
 * pins only when it runs outside an explicit transaction, which only the caller knows: ask
 * {@link #reasons(boolean)} with {@code !connection.getAutoCommit()}.
 *
 * @param sessionReasons reasons that pin whatever the transaction state
 * @param transactionScopedSet whether the text changes a setting for the current transaction only
 * @param advisoryLock whether the text acquires an advisory lock of any kind, session or transaction level (only the
 *     session ones pin; on Aurora Limitless every one fails)
 */
public record PinningRisks(Set<PinningReason> sessionReasons, boolean transactionScopedSet, boolean advisoryLock) {

    /** Risks of a text that pins nothing. */
    public static final PinningRisks NONE = new PinningRisks(Set.of(), false, false);

    /** Risks without a transaction-level advisory lock (a session one is among the reasons when present). */
    public PinningRisks(Set<PinningReason> sessionReasons, boolean transactionScopedSet) {
        this(sessionReasons, transactionScopedSet, sessionReasons.contains(PinningReason.ADVISORY_LOCK));
    }

    public PinningRisks {
        sessionReasons = sessionReasons.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(sessionReasons));
    }

    /**
     * The reasons that pin when the statement runs in the given transaction state.
     *
     * @param insideExplicitTransaction whether the connection is in an explicit transaction (auto-commit off)
     */
    public Set<PinningReason> reasons(boolean insideExplicitTransaction) {
        if (!transactionScopedSet || insideExplicitTransaction || sessionReasons.contains(PinningReason.SET)) {
            return sessionReasons;
        }
        EnumSet<PinningReason> withSet = sessionReasons.isEmpty() ? EnumSet.noneOf(PinningReason.class)
                : EnumSet.copyOf(sessionReasons);
        withSet.add(PinningReason.SET);
        return Collections.unmodifiableSet(withSet);
    }

    /**
     * Whether the detector has anything to look at: the statement could pin in some transaction state, or it takes
     * an advisory lock (a transaction-level one pins nothing, but fails on Aurora Limitless).
     */
    public boolean any() {
        return transactionScopedSet || advisoryLock || !sessionReasons.isEmpty();
    }
}
