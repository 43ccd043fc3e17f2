package dev.limitless.autoconfigure.activekey;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The active shard key ({@code limitless.active-key.*}, rds_aurora.limitless_active_shard_key): @ShardScoped,
 * ShardKeyResolver beans on web requests, Limitless topology only. See docs/active-shard-key.md.
 */
@ConfigurationProperties("limitless.active-key")
public class ActiveKeyProperties {

    /**
     * Apply @ShardScoped and ShardKeyResolver beans, and refuse the start-up when they are used on the proxy
     * topology. ShardScope.forKey itself is applied by the guarded data source whatever this says.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
