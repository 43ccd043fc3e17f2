package dev.limitless.autoconfigure;

import dev.limitless.local.LocalLimitless;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of limitless, under {@code limitless.*}.
 */
@ConfigurationProperties("limitless")
public class LimitlessProperties {

    /** Whether limitless is active at all. When false, nothing of limitless is configured. */
    private boolean enabled = true;

    /** Schema of unqualified table names (catalog file entries, SQL without a schema). */
    private String defaultSchema = "public";

    private final Local local = new Local();

    private final Lambda lambda = new Lambda();

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

    public Local getLocal() {
        return local;
    }

    public Lambda getLambda() {
        return lambda;
    }

    /** The local Limitless emulation (for laptops, tests and CI; never for production). */
    public static class Local {

        /**
         * Start an embedded PostgreSQL with the emulation when no spring.datasource.url is set. Needs
         * dev.limitless:limitless-test on the class path.
         */
        private boolean embeddedDatabase = false;

        /** Install the emulation into the application's DataSource at start-up, before Flyway migrates. */
        private boolean install = false;

        /** Emulated shard count (1 to 512). */
        private int shards = LocalLimitless.DEFAULT_SHARDS;

        public boolean isEmbeddedDatabase() {
            return embeddedDatabase;
        }

        public void setEmbeddedDatabase(boolean embeddedDatabase) {
            this.embeddedDatabase = embeddedDatabase;
        }

        public boolean isInstall() {
            return install;
        }

        public void setInstall(boolean install) {
            this.install = install;
        }

        public int getShards() {
            return shards;
        }

        public void setShards(int shards) {
            this.shards = shards;
        }
    }

    /** Behaviour when running in AWS Lambda (detected from AWS_LAMBDA_FUNCTION_NAME). */
    public static class Lambda {

        /** Apply the Lambda pool defaults and open the connection at initialisation when running in Lambda. */
        private boolean enabled = true;

        /** Pool size per execution environment: one environment serves one request at a time. */
        private int maximumPoolSize = 1;

        /** How long a request waits for a connection before failing; well below a typical function timeout. */
        private Duration connectionTimeout = Duration.ofSeconds(5);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaximumPoolSize() {
            return maximumPoolSize;
        }

        public void setMaximumPoolSize(int maximumPoolSize) {
            this.maximumPoolSize = maximumPoolSize;
        }

        public Duration getConnectionTimeout() {
            return connectionTimeout;
        }

        public void setConnectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
        }
    }
}
