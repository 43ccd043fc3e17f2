package dev.limitless.pinning;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import dev.limitless.sql.internal.StatementText;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link Policy Policy&lt;PinningReason&gt;} to statements (per execution, after the per-text classification) and to
 * the driver settings found at start-up by {@link DriverSettingsCheck}.
 *
 * <p>Per execution: nothing but a check of the cached {@link PinningRisks} when the statement pins nothing; else
 * each reason is counted through the risk listener and the policy decides. A warning is written once per distinct
 * statement (never per execution) and names the reasons, the statement (shortened) and the calling application
 * frame. Thread-safe.
 *
 * <p>On the {@link Topology#LIMITLESS} topology an advisory lock of any kind (also {@code pg_advisory_xact_lock}) is
 * counted as {@code advisory_lock} and reported as an error to come: Aurora Limitless refuses it. Warned at ERROR
 * level, refused as usual when the policy for {@code advisory_lock} refuses.
 */
public final class PinningDetector {

    private static final Logger log = LoggerFactory.getLogger(PinningDetector.class);
    private static final int REMEMBERED_STATEMENTS = 10_000;

    static final String LIMITLESS_ADVISORY_LOCK = "acquires an advisory lock, which Aurora Limitless refuses"
            + " ('acquiring pg_advisory_lock is not supported in limitless database'), so it will fail there";
    static final String LIMITLESS_ADVISORY_LOCK_FIX = "Serialise with a row lock instead: SELECT ... FOR UPDATE on a row"
            + " of a standard table inside a transaction (limitless' Flyway support does this for migrations).";

    private final Policy<PinningReason> policy;
    private final Consumer<PinningReason> riskListener;
    // volatile: set once more at start-up when the topology is detected from the database (TopologyDetection)
    private volatile Topology topology;
    private volatile boolean limitless;
    private volatile boolean standard;
    private final ConcurrentMap<String, Boolean> warned = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_STATEMENTS).<String, Boolean>build().asMap();

    /** A detector that counts nothing. */
    public PinningDetector(Policy<PinningReason> policy) {
        this(policy, reason -> { });
    }

    /**
     * @param policy what to do per reason
     * @param riskListener called once per reason per execution that pins (e.g. a metrics counter); must be cheap
     */
    public PinningDetector(Policy<PinningReason> policy, Consumer<PinningReason> riskListener) {
        this(policy, riskListener, Topology.PROXY);
    }

    /**
     * @param policy what to do per reason
     * @param riskListener called once per reason per execution that pins (e.g. a metrics counter); must be cheap
     * @param topology what the application connects to
     */
    public PinningDetector(Policy<PinningReason> policy, Consumer<PinningReason> riskListener, Topology topology) {
        this.policy = policy;
        this.riskListener = riskListener;
        topology(topology);
    }

    public Topology topology() {
        return topology;
    }

    /**
     * Sets the topology, e.g. once it has been detected from the database at start-up. On {@link Topology#STANDARD}
     * (no pooler in front of the database) nothing pins: no risk is counted, warned or refused.
     */
    public void topology(Topology topology) {
        this.topology = java.util.Objects.requireNonNull(topology, "topology");
        this.limitless = topology == Topology.LIMITLESS;
        this.standard = topology == Topology.STANDARD;
    }

    public Policy<PinningReason> policy() {
        return policy;
    }

    /**
     * Checks one execution of a statement.
     *
     * @param sql the statement text (only used in messages)
     * @param risks the text's cached classification
     * @param insideExplicitTransaction whether auto-commit is off on the connection
     * @throws PinningRefusedException if the policy refuses one of its reasons; nothing must then be sent
     */
    public void check(String sql, PinningRisks risks, boolean insideExplicitTransaction) throws PinningRefusedException {
        if (!risks.any() || standard) {
            return;
        }
        boolean failsOnLimitless = limitless && risks.advisoryLock();
        Set<PinningReason> reasons = risks.reasons(insideExplicitTransaction);
        if (failsOnLimitless && !reasons.contains(PinningReason.ADVISORY_LOCK)) {
            EnumSet<PinningReason> withLock = EnumSet.of(PinningReason.ADVISORY_LOCK);
            withLock.addAll(reasons);
            reasons = withLock;
        }
        if (reasons.isEmpty()) {
            return;
        }
        PinningReason refused = null;
        boolean warn = false;
        for (PinningReason reason : reasons) {
            riskListener.accept(reason);
            PolicyAction action = policy.action(reason);
            if (action == PolicyAction.REFUSE && refused == null) {
                refused = reason;
            } else if (action == PolicyAction.WARN && !(failsOnLimitless && reason == PinningReason.ADVISORY_LOCK)) {
                warn = true;
            }
        }
        if (failsOnLimitless) {
            reportAdvisoryLockOnLimitless(sql, refused == PinningReason.ADVISORY_LOCK);
        }
        if (refused != null) {
            throw new PinningRefusedException(refused, "Refused a statement that pins the database session ("
                    + describe(reasons) + "): " + StatementText.shorten(sql) + " (called from " + CallingFrame.describe() + "). "
                    + refused.fix() + " To let it pass, set the pinning policy for '" + refused.tag()
                    + "' to warn or allow.");
        }
        if (warn && warned.putIfAbsent(sql, Boolean.TRUE) == null) {
            warnOnce(sql, reasons);
        }
    }

    /**
     * A warning names what the user wrote and where; a statement a framework sent on its own (a migration tool's
     * bookkeeping, Spring's transaction set-up) is not the user's to fix, so it goes to DEBUG, once per distinct
     * statement. Either way it was counted.
     */
    private static void warnOnce(String sql, Set<PinningReason> reasons) {
        if (!CallingFrame.sentByFramework()) {
            log.warn("Statement pins the database session behind RDS Proxy or PgBouncer ({}): {} (called from {}). {}"
                    + " Warned once per distinct statement.", describe(reasons), StatementText.shorten(sql),
                    CallingFrame.describe(), fixes(reasons));
        } else if (log.isDebugEnabled()) {
            log.debug("Statement sent by a framework, not by application code, pins the database session ({}): {}",
                    describe(reasons), StatementText.shorten(sql));
        }
    }

    private void reportAdvisoryLockOnLimitless(String sql, boolean refuse) throws PinningRefusedException {
        if (refuse) {
            throw new PinningRefusedException(PinningReason.ADVISORY_LOCK, "Refused a statement that " + LIMITLESS_ADVISORY_LOCK
                    + ": " + StatementText.shorten(sql) + " (called from " + CallingFrame.describe() + "). "
                    + LIMITLESS_ADVISORY_LOCK_FIX);
        }
        if (policy.action(PinningReason.ADVISORY_LOCK) == PolicyAction.WARN
                && warned.putIfAbsent(sql, Boolean.TRUE) == null) {
            log.error("Statement {}: {} (called from {}). {} Reported once per distinct statement.", LIMITLESS_ADVISORY_LOCK,
                    StatementText.shorten(sql), CallingFrame.describe(), LIMITLESS_ADVISORY_LOCK_FIX);
        }
    }

    /**
     * Applies the policy for {@link PinningReason#DRIVER_SETTING} to start-up findings: logs each one when it
     * warns, throws naming all of them when it refuses.
     */
    public void checkDriverSettings(List<DriverSettingFinding> findings) throws PinningRefusedException {
        if (findings.isEmpty() || standard) {
            return;
        }
        findings.forEach(finding -> riskListener.accept(PinningReason.DRIVER_SETTING));
        PolicyAction action = policy.action(PinningReason.DRIVER_SETTING);
        if (action == PolicyAction.REFUSE) {
            throw new PinningRefusedException(PinningReason.DRIVER_SETTING, "The connection settings make the driver"
                    + " pin every session: " + findings.stream().map(DriverSettingFinding::toString)
                    .collect(Collectors.joining(" ")) + " To start anyway, set the pinning policy for"
                    + " 'driver_setting' to warn or allow.");
        }
        if (action == PolicyAction.WARN) {
            findings.forEach(finding -> log.warn("Connection setting pins sessions behind RDS Proxy: {}", finding));
        }
    }


    private static String describe(Set<PinningReason> reasons) {
        return reasons.stream().map(PinningReason::tag).collect(Collectors.joining(", "));
    }

    private static String fixes(Set<PinningReason> reasons) {
        return reasons.stream().map(reason -> reason.tag().toUpperCase(Locale.ROOT) + ": " + reason.fix())
                .collect(Collectors.joining(" "));
    }
}
