package dev.limitless.autoconfigure.repository;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Shard-aware Spring Data JDBC repositories ({@code limitless.repositories.*}). See docs/repositories.md. */
@ConfigurationProperties("limitless.repositories")
public class RepositoriesProperties {

    /** Check every repository method at start-up and apply the shard-key rules on save. */
    private boolean enabled = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
