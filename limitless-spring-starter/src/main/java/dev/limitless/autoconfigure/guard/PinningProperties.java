package dev.limitless.autoconfigure.guard;

import dev.limitless.pinning.PinningReason;
import dev.limitless.pinning.Topology;
import dev.limitless.policy.PolicyAction;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/** RDS Proxy pinning detection ({@code limitless.pinning.*}). See docs/pinning.md. */
@ConfigurationProperties("limitless.pinning")
public class PinningProperties {

    /** What to do with a statement that would pin a proxy session: refuse, warn (logged once per statement) or allow. */
    private PolicyAction defaultAction = PolicyAction.WARN;

    /**
     * Per-reason actions overriding the default, e.g. limitless.pinning.actions.set=refuse. Reasons: set,
     * prepare, temp_table, cursor, listen, advisory_lock, sequence, discard, load, large_statement, driver_setting.
     */
    private Map<PinningReason, PolicyAction> actions = new EnumMap<>(PinningReason.class);

    /** Check the pool's and driver's settings at start-up for ones that make PgJDBC send SET (reason driver_setting). */
    private boolean checkDriverSettings = true;

    /** Deprecated alias of limitless.topology, which wins when both are set. */
    private Topology topology;

    public PolicyAction getDefaultAction() {
        return defaultAction;
    }

    public void setDefaultAction(PolicyAction defaultAction) {
        this.defaultAction = defaultAction;
    }

    public Map<PinningReason, PolicyAction> getActions() {
        return actions;
    }

    public void setActions(Map<PinningReason, PolicyAction> actions) {
        this.actions = actions;
    }

    public boolean isCheckDriverSettings() {
        return checkDriverSettings;
    }

    public void setCheckDriverSettings(boolean checkDriverSettings) {
        this.checkDriverSettings = checkDriverSettings;
    }

    @Deprecated(since = "0.1")
    @DeprecatedConfigurationProperty(replacement = "limitless.topology",
            reason = "one topology setting serves pinning, the AWS JDBC wrapper's plugins and the start-up checks")
    public Topology getTopology() {
        return topology;
    }

    @Deprecated(since = "0.1")
    public void setTopology(Topology topology) {
        this.topology = topology;
    }
}
