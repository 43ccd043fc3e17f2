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

    /**
     * What the application connects to: limitless (Aurora Limitless transaction routers through the cluster or
     * shard-group endpoint, or the local emulation: the AWS JDBC wrapper gets its limitless plugin, advisory locks
     * are reported as failures to come), proxy (RDS Proxy or PgBouncer in front of PostgreSQL: session features pin)
     * or standard (PostgreSQL reached directly: nothing pins). Default: detected from the database at start-up
     * (Limitless' functions and catalog, the database postgres_limitless), else proxy; never from the host name alone.
     */
    private dev.limitless.pinning.Topology topology;

    private final Catalog catalog = new Catalog();

    private final Ddl ddl = new Ddl();

    private final Guard guard = new Guard();

    private final Iam iam = new Iam();

    private final Local local = new Local();

    private final Metrics metrics = new Metrics();

    private final Repositories repositories = new Repositories();

    private final Pinning pinning = new Pinning();

    private final Lambda lambda = new Lambda();

    private final ActiveKey activeKey = new ActiveKey();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public dev.limitless.pinning.Topology getTopology() {
        return topology;
    }

    public void setTopology(dev.limitless.pinning.Topology topology) {
        this.topology = topology;
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

    public Ddl getDdl() {
        return ddl;
    }

    public Guard getGuard() {
        return guard;
    }

    public ActiveKey getActiveKey() {
        return activeKey;
    }

    public Iam getIam() {
        return iam;
    }

    /** The shard-scope guard on the application's DataSource. See docs/guard.md. */
    public static class Guard {

        /** Wrap the application's DataSource so every statement is analysed and checked before it is sent. */
        private boolean enabled = true;

        /** What to do with statements that would run on every shard: refuse, warn or allow. */
        private dev.limitless.guard.PolicyAction scatter = dev.limitless.guard.PolicyAction.REFUSE;

        /** What to do with statements that run on a few shards (IN lists, OR of keys): refuse, warn or allow. */
        private dev.limitless.guard.PolicyAction multiShard = dev.limitless.guard.PolicyAction.ALLOW;

        /** What to do with statements the guard cannot analyse that name a sharded table (those that name none always run). */
        private dev.limitless.guard.PolicyAction unknown = dev.limitless.guard.PolicyAction.REFUSE;

        /** Schemas searched for unqualified table names, as PostgreSQL's search_path. Default: the default schema. */
        private java.util.List<String> searchPath = new java.util.ArrayList<>();

        /** Distinct SQL texts whose analysis is cached. */
        private long cacheSize = 10_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public dev.limitless.guard.PolicyAction getScatter() {
            return scatter;
        }

        public void setScatter(dev.limitless.guard.PolicyAction scatter) {
            this.scatter = scatter;
        }

        public dev.limitless.guard.PolicyAction getMultiShard() {
            return multiShard;
        }

        public void setMultiShard(dev.limitless.guard.PolicyAction multiShard) {
            this.multiShard = multiShard;
        }

        public dev.limitless.guard.PolicyAction getUnknown() {
            return unknown;
        }

        public void setUnknown(dev.limitless.guard.PolicyAction unknown) {
            this.unknown = unknown;
        }

        public java.util.List<String> getSearchPath() {
            return searchPath;
        }

        public void setSearchPath(java.util.List<String> searchPath) {
            this.searchPath = searchPath;
        }

        public long getCacheSize() {
            return cacheSize;
        }

        public void setCacheSize(long cacheSize) {
            this.cacheSize = cacheSize;
        }

        /** Analysing statements while the application starts, so that the first request pays no analysis. */
        private final WarmUp warmUp = new WarmUp();

        public WarmUp getWarmUp() {
            return warmUp;
        }

        public static class WarmUp {

            /**
             * Analyse, before the application is ready (under SnapStart: before the snapshot), the statements listed
             * here and statements shaped from the catalog, which load and compile the guard's parser.
             */
            private boolean enabled = true;

            /** Exact SQL texts the application sends (as the driver sees them), cached before the first request. */
            private java.util.List<String> statements = new java.util.ArrayList<>();

            public boolean isEnabled() {
                return enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public java.util.List<String> getStatements() {
                return statements;
            }

            public void setStatements(java.util.List<String> statements) {
                this.statements = statements;
            }
        }
    }

    /** What limitless does with the schema at start-up. */
    public static class Ddl {

        /**
         * Health status reported when the live catalog (rds_aurora.limitless_tables) differs from the declared one,
         * e.g. DOWN or OUT_OF_SERVICE; UP reports the differences without failing the check.
         */
        private String mismatchHealthStatus = "DOWN";

        public String getMismatchHealthStatus() {
            return mismatchHealthStatus;
        }

        public void setMismatchHealthStatus(String mismatchHealthStatus) {
            this.mismatchHealthStatus = mismatchHealthStatus;
        }

        /**
         * none: nothing; validate: compare the live catalog (rds_aurora.limitless_tables) with the entities and the
         * catalog file after migrations ran (both ways), and stop start-up listing every difference; create: create
         * every mapped entity's missing table with Limitless DDL (standard when not annotated), for local runs and tests.
         */
        private DdlMode mode = DdlMode.NONE;

        public DdlMode getMode() {
            return mode;
        }

        public void setMode(DdlMode mode) {
            this.mode = mode;
        }
    }

    /** What limitless does with the schema at start-up. */
    public enum DdlMode {
        /** Nothing. */
        NONE,
        /** Compare declared and live catalogs, fail on any difference. */
        VALIDATE,
        /** Create every mapped entity's missing table with Limitless DDL. */
        CREATE
    }

    public Local getLocal() {
        return local;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Pinning getPinning() {
        return pinning;
    }

    public Repositories getRepositories() {
        return repositories;
    }

    /** Shard-aware Spring Data JDBC repositories (docs/repositories.md). */
    public static class Repositories {

        /** Check every repository method at start-up and apply the shard-key rules on save. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Micrometer meters and observations (docs/metrics.md); active when the application has a MeterRegistry. */
    public static class Metrics {

        /** Record limitless.* meters when a MeterRegistry is present. */
        private boolean enabled = true;

        /** Publish a percentile histogram for limitless.statement (for p95/p99 in Prometheus/Grafana). */
        private boolean percentileHistogram = true;

        /** One observation (span) per statement when an ObservationRegistry is present. */
        private boolean observations = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isPercentileHistogram() {
            return percentileHistogram;
        }

        public void setPercentileHistogram(boolean percentileHistogram) {
            this.percentileHistogram = percentileHistogram;
        }

        public boolean isObservations() {
            return observations;
        }

        public void setObservations(boolean observations) {
            this.observations = observations;
        }
    }

    /** RDS Proxy pinning detection (docs/pinning.md). */
    public static class Pinning {

        /** What to do with a statement that would pin a proxy session: refuse, warn (logged once per statement) or allow. */
        private dev.limitless.pinning.PinningAction defaultAction = dev.limitless.pinning.PinningAction.WARN;

        /**
         * Per-reason actions overriding the default, e.g. limitless.pinning.actions.set=refuse. Reasons: set,
         * prepare, temp_table, cursor, listen, advisory_lock, sequence, discard, load, large_statement, driver_setting.
         */
        private java.util.Map<dev.limitless.pinning.PinningReason, dev.limitless.pinning.PinningAction> actions = new java.util.EnumMap<>(
                dev.limitless.pinning.PinningReason.class);

        /** Check the pool's and driver's settings at start-up for ones that make PgJDBC send SET (reason driver_setting). */
        private boolean checkDriverSettings = true;

        /** Deprecated alias of limitless.topology, which wins when both are set. */
        private dev.limitless.pinning.Topology topology;

        public dev.limitless.pinning.PinningAction getDefaultAction() {
            return defaultAction;
        }

        public void setDefaultAction(dev.limitless.pinning.PinningAction defaultAction) {
            this.defaultAction = defaultAction;
        }

        public java.util.Map<dev.limitless.pinning.PinningReason, dev.limitless.pinning.PinningAction> getActions() {
            return actions;
        }

        public void setActions(java.util.Map<dev.limitless.pinning.PinningReason, dev.limitless.pinning.PinningAction> actions) {
            this.actions = actions;
        }

        public boolean isCheckDriverSettings() {
            return checkDriverSettings;
        }

        public void setCheckDriverSettings(boolean checkDriverSettings) {
            this.checkDriverSettings = checkDriverSettings;
        }

        @Deprecated(since = "0.1")
        @org.springframework.boot.context.properties.DeprecatedConfigurationProperty(replacement = "limitless.topology",
                reason = "one topology setting serves pinning, the AWS JDBC wrapper's plugins and the start-up checks")
        public dev.limitless.pinning.Topology getTopology() {
            return topology;
        }

        @Deprecated(since = "0.1")
        public void setTopology(dev.limitless.pinning.Topology topology) {
            this.topology = topology;
        }
    }

    /**
     * IAM database authentication: the pool connects with a short-lived token minted from the application's AWS
     * credentials instead of a stored password. See docs/iam.md.
     */
    public static class Iam {

        /** Connect with IAM tokens instead of spring.datasource.password. */
        private boolean enabled = false;

        /** How the pool connects: directly with tokens from limitless, or through the AWS Advanced JDBC Wrapper. */
        private IamMode mode = IamMode.DATA_SOURCE;

        /** AWS region of the endpoint, e.g. eu-west-1. Default: read from the RDS host name, else the SDK's region chain. */
        private String region;

        /** Database user the token is minted for. Default: spring.datasource.username. */
        private String user;

        /**
         * Host name the token is signed for, when the JDBC URL names a custom DNS name, an IP address or a tunnel:
         * the RDS Proxy or Limitless shard-group endpoint's real host name.
         */
        private String signingHost;

        /** Port the token is signed for. Default: the port of the JDBC URL. */
        private Integer signingPort;

        /** How long before a token's 15-minute expiry a new one is minted (1 to 14 minutes). */
        private java.time.Duration refreshAhead = java.time.Duration.ofMinutes(5);

        /** Proxy-safe PgJDBC defaults: ApplicationName, assumeMinServerVersion and prepareThreshold=0 (see docs/pinning.md). */
        private boolean proxySafeDriverDefaults = true;

        /** ApplicationName sent by the driver with the proxy-safe defaults. Default: spring.application.name. */
        private String applicationName;

        private final Tls tls = new Tls();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public IamMode getMode() {
            return mode;
        }

        public void setMode(IamMode mode) {
            this.mode = mode;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public String getSigningHost() {
            return signingHost;
        }

        public void setSigningHost(String signingHost) {
            this.signingHost = signingHost;
        }

        public Integer getSigningPort() {
            return signingPort;
        }

        public void setSigningPort(Integer signingPort) {
            this.signingPort = signingPort;
        }

        public java.time.Duration getRefreshAhead() {
            return refreshAhead;
        }

        public void setRefreshAhead(java.time.Duration refreshAhead) {
            this.refreshAhead = refreshAhead;
        }

        public boolean isProxySafeDriverDefaults() {
            return proxySafeDriverDefaults;
        }

        public void setProxySafeDriverDefaults(boolean proxySafeDriverDefaults) {
            this.proxySafeDriverDefaults = proxySafeDriverDefaults;
        }

        public String getApplicationName() {
            return applicationName;
        }

        public void setApplicationName(String applicationName) {
            this.applicationName = applicationName;
        }

        public Tls getTls() {
            return tls;
        }

        /** TLS of IAM connections (IAM authentication requires TLS). */
        public static class Tls {

            /** verify-full (default), verify-ca or require. */
            private dev.limitless.iam.TlsMode mode = dev.limitless.iam.TlsMode.VERIFY_FULL;

            /** The RDS CA bundle (PEM), e.g. /opt/rds/global-bundle.pem. Default: the JVM's trust store. */
            private java.nio.file.Path rootCertificate;

            public dev.limitless.iam.TlsMode getMode() {
                return mode;
            }

            public void setMode(dev.limitless.iam.TlsMode mode) {
                this.mode = mode;
            }

            public java.nio.file.Path getRootCertificate() {
                return rootCertificate;
            }

            public void setRootCertificate(java.nio.file.Path rootCertificate) {
                this.rootCertificate = rootCertificate;
            }
        }
    }

    /** How an IAM-authenticated pool connects. */
    public enum IamMode {
        /** limitless mints tokens and hands them to HikariCP (topology 1 through RDS Proxy, or 2 to the routers). */
        DATA_SOURCE,
        /**
         * The AWS Advanced JDBC Wrapper with its iam plugin, plus its limitless plugin for a shard-group endpoint or a
         * cluster endpoint with the database postgres_limitless.
         */
        AWS_WRAPPER
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

        /**
         * Start with an empty catalog (no annotated entity, no file, no live source). By default that stops start-up,
         * since a guard without a catalog guards nothing.
         */
        private boolean allowEmpty = false;

        public boolean isAllowEmpty() {
            return allowEmpty;
        }

        public void setAllowEmpty(boolean allowEmpty) {
            this.allowEmpty = allowEmpty;
        }

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
         * Start an embedded PostgreSQL 16 with the emulation when the application has no database of its own (no
         * spring.datasource.url, no DataSource or JdbcConnectionDetails bean). Needs dev.limitless:limitless-test on
         * the class path (test scope; run with the test class path).
         */
        private boolean embeddedDatabase = false;

        /**
         * Install the emulation into the application's DataSource at start-up, before Flyway migrates. Needs
         * dev.limitless:limitless-emulation on the class path (limitless-test brings it).
         */
        private boolean install = false;

        /** Emulated shard count (1 to 512). */
        private int shards = 16;

        /**
         * With embedded-database: connect the application as an ordinary role that owns the database instead of the
         * superuser, as on Aurora (whose master user is no PostgreSQL superuser), so that row-level security (the
         * emulated active shard key) applies to its SELECTs.
         */
        private boolean ordinaryRole = false;

        public boolean isOrdinaryRole() {
            return ordinaryRole;
        }

        public void setOrdinaryRole(boolean ordinaryRole) {
            this.ordinaryRole = ordinaryRole;
        }

        /**
         * Let limitless.local.install change a database that neither limitless.local.embedded-database nor the test
         * support created (a compose file or CI service you own). A server that reports Aurora or RDS is refused
         * regardless.
         */
        private boolean installOnAnyDatabase = false;

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

        public boolean isInstallOnAnyDatabase() {
            return installOnAnyDatabase;
        }

        public void setInstallOnAnyDatabase(boolean installOnAnyDatabase) {
            this.installOnAnyDatabase = installOnAnyDatabase;
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

    /**
     * The active shard key (rds_aurora.limitless_active_shard_key): @ShardScoped, ShardKeyResolver beans on web
     * requests, Limitless topology only. See docs/active-shard-key.md.
     */
    public static class ActiveKey {

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
}
