package dev.limitless.autoconfigure;

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

    private final Catalog catalog = new Catalog();

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

    public Catalog getCatalog() {
        return catalog;
    }

    public Local getLocal() {
        return local;
    }

    /**
     * Where the shard catalog comes from. Sources are merged in this order: annotated entities, the catalog file,
     * the live database; two sources that define one table differently stop start-up naming both.
     */
    public static class Catalog {

        /** A YAML catalog file (format in docs/catalog.md), e.g. classpath:limitless-catalog.yaml. */
        private org.springframework.core.io.Resource file;

        /**
         * Packages scanned for entities annotated with @ShardedTable or @ReferenceTable. Default: the packages of
         * the application (those of @SpringBootApplication).
         */
        private java.util.List<String> entityPackages = new java.util.ArrayList<>();

        /** Also read the catalog of the live database (rds_aurora.limitless_tables) at start-up. */
        private boolean live = false;

        public org.springframework.core.io.Resource getFile() {
            return file;
        }

        public void setFile(org.springframework.core.io.Resource file) {
            this.file = file;
        }

        public java.util.List<String> getEntityPackages() {
            return entityPackages;
        }

        public void setEntityPackages(java.util.List<String> entityPackages) {
            this.entityPackages = entityPackages;
        }

        public boolean isLive() {
            return live;
        }

        public void setLive(boolean live) {
            this.live = live;
        }
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
        private int shards = 16;

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
