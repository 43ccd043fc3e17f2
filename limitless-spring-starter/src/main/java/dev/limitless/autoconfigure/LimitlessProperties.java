package dev.limitless.autoconfigure;

import dev.limitless.pinning.Topology;
import dev.limitless.policy.PolicyAction;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings every part of limitless shares, directly under {@code limitless.*}: the main switch, the default schema
 * and the topology. Each concern has its own class: {@code GuardProperties} ({@code limitless.guard.*}),
 * {@code PinningProperties} ({@code limitless.pinning.*}), {@code CatalogProperties}, {@code DdlProperties},
 * {@code IamProperties}, {@code LocalProperties}, {@code MetricsProperties}, {@code RepositoriesProperties},
 * {@code LambdaProperties}, {@code ActiveKeyProperties}, {@code RetryProperties}, {@code LimitlessSqsProperties}.
 */
@ConfigurationProperties("limitless")
public class LimitlessProperties {

    /** Whether limitless is active at all. When false, nothing of limitless is configured. */
    private boolean enabled = true;

    /** Schema of unqualified table names (catalog file entries, SQL without a schema). */
    private String defaultSchema = "public";

    /**
     * What the application connects to: limitless (Aurora Limitless transaction routers through the cluster or
     * shard-group endpoint, or the local emulation: the AWS JDBC wrapper gets its limitless plugin, advisory locks
     * are reported as failures to come), proxy (RDS Proxy or PgBouncer in front of PostgreSQL: session features pin)
     * or standard (PostgreSQL reached directly: nothing pins). Default: detected from the database at start-up
     * (Limitless' functions and catalog, the database postgres_limitless), else proxy; never from the host name alone.
     */
    private Topology topology;

    /**
     * What to do at start-up with limitless.* properties limitless does not have (a misspelt name is otherwise ignored,
     * and what it meant is not in force): refuse (stop start-up naming each one), warn or allow. JVM system properties
     * and environment variables are not checked.
     */
    private PolicyAction unknownProperties = PolicyAction.REFUSE;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getDefaultSchema() {
        return defaultSchema;
    }

    public void setDefaultSchema(String defaultSchema) {
        this.defaultSchema = defaultSchema;
    }

    public Topology getTopology() {
        return topology;
    }

    public void setTopology(Topology topology) {
        this.topology = topology;
    }

    public PolicyAction getUnknownProperties() {
        return unknownProperties;
    }

    public void setUnknownProperties(PolicyAction unknownProperties) {
        this.unknownProperties = unknownProperties;
    }
}
