package dev.limitless.iam;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

/**
 * A {@link DataSource} for any pool that connects with an IAM authentication token as the password, over TLS.
 *
 * <p>Each new physical connection takes its token from an {@link IamTokenCache} (a map lookup once warm). When the
 * server rejects the token (SQLState {@code 28000} or {@code 28P01}) the data source asks the cache for a newly
 * minted one and retries exactly once. Without TLS nothing is sent: settings that disable TLS are refused when
 * built, and a server that does not accept TLS fails with {@link IamTlsException}. For HikariCP use
 * {@link IamHikari#configure}, which also installs the token as Hikari's credentials.
 *
 * <pre>{@code
 * IamDataSource dataSource = IamDataSource.builder()
 *         .jdbcUrl("jdbc:postgresql://orders.proxy-c9akciq32.us-east-1.rds.amazonaws.com:5432/orders")
 *         .user("orders_app")
 *         .rootCertificate(Path.of("/opt/rds/global-bundle.pem"))
 *         .proxySafeDriverDefaults("orders-lambda")
 *         .build();
 * }</pre>
 */
public final class IamDataSource implements DataSource, AutoCloseable {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(IamDataSource.class);
    private static final String AUTHENTICATION_FAILED = "28P01";
    private static final String INVALID_AUTHORIZATION = "28000";
    private static final String CONNECTION_REJECTED = "08004";

    private final Driver driver = new Driver();
    private final String jdbcUrl;
    private final IamEndpoint endpoint;
    private final TlsMode tlsMode;
    private final Map<String, String> driverProperties;
    private final IamTokenCache tokenCache;
    private final boolean ownsTokenCache;
    private final boolean proxySafe;
    private final String target;
    private volatile int loginTimeoutSeconds;

    private IamDataSource(Settings settings, IamTokenCache tokenCache, boolean ownsTokenCache) {
        this.jdbcUrl = settings.jdbcUrl;
        this.endpoint = settings.endpoint;
        this.tlsMode = settings.tlsMode;
        this.driverProperties = settings.driverProperties;
        this.tokenCache = tokenCache;
        this.ownsTokenCache = ownsTokenCache;
        this.proxySafe = settings.proxySafe;
        this.target = settings.connectHost + ":" + settings.connectPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What tokens are signed for (region, signing host and port, user). */
    public IamEndpoint endpoint() {
        return endpoint;
    }

    /** The cache tokens come from. */
    public IamTokenCache tokenCache() {
        return tokenCache;
    }

    /** The TLS mode connections use. */
    public TlsMode tlsMode() {
        return tlsMode;
    }

    /** Whether the proxy-safe PgJDBC defaults are on. */
    public boolean proxySafeDriverDefaults() {
        return proxySafe;
    }

    /** A new connection as {@link IamEndpoint#user()} with the cached token. */
    @Override
    public Connection getConnection() throws SQLException {
        return connectWith(currentToken());
    }

    /**
     * A new connection with the given token as the password (how HikariCP calls a data source once a credentials
     * provider is set). The user must be this data source's user.
     */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        if (!endpoint.user().equals(username)) {
            throw new SQLException("This IamDataSource signs tokens for database user '" + endpoint.user()
                    + "', but a connection for '" + username + "' was requested: configure the pool with the same user"
                    + " (IamHikari.configure does this).", INVALID_AUTHORIZATION);
        }
        return connectWith(password == null ? currentToken() : password);
    }

    String currentToken() throws SQLException {
        try {
            return tokenCache.token(endpoint);
        } catch (IamTokenException e) {
            throw new SQLException(e.getMessage(), INVALID_AUTHORIZATION, e);
        }
    }

    private Connection connectWith(String token) throws SQLException {
        try {
            return open(token);
        } catch (SQLException e) {
            if (!isAuthenticationFailure(e)) {
                throw e;
            }
            log.info("{} rejected the IAM token for {} (SQLState {}); retrying once with a newly minted token",
                    target, endpoint, e.getSQLState());
            String fresh;
            try {
                fresh = tokenCache.refresh(endpoint, token);
            } catch (IamTokenException mintFailure) {
                mintFailure.addSuppressed(e);
                throw new SQLException(mintFailure.getMessage(), INVALID_AUTHORIZATION, mintFailure);
            }
            return open(fresh);
        }
    }

    private Connection open(String token) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(driverProperties);
        properties.setProperty("user", endpoint.user());
        properties.setProperty("password", token);
        int timeout = loginTimeoutSeconds;
        if (timeout > 0) {
            properties.setProperty("loginTimeout", Integer.toString(timeout));
        }
        try {
            return driver.connect(jdbcUrl, properties);
        } catch (SQLException e) {
            if (tlsMode.encrypted() && CONNECTION_REJECTED.equals(e.getSQLState())) {
                throw new IamTlsException(target, tlsMode, e);
            }
            throw e;
        }
    }

    static boolean isAuthenticationFailure(SQLException e) {
        String state = e.getSQLState();
        return AUTHENTICATION_FAILED.equals(state) || INVALID_AUTHORIZATION.equals(state);
    }

    /** Closes the token cache if this data source created it. */
    @Override
    public void close() {
        if (ownsTokenCache) {
            tokenCache.close();
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // logging goes through SLF4J
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("IamDataSource logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("IamDataSource is not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "IamDataSource[url=" + jdbcUrl + ", endpoint=" + endpoint + ", tls=" + tlsMode + "]";
    }

    /** Validated settings shared by {@link IamDataSource} and {@link AwsWrapperConfiguration}. */
    private record Settings(String jdbcUrl, String connectHost, int connectPort, String database, IamEndpoint endpoint,
            TlsMode tlsMode, Map<String, String> driverProperties, boolean proxySafe) {
    }

    /**
     * Settings of an {@link IamDataSource}. Required: {@link #jdbcUrl} and {@link #user}. Errors are
     * {@link IamConfigurationException}s that name the setting to fix.
     */
    public static final class Builder {

        /** The database Limitless clients connect to. */
        private static final String LIMITLESS_DATABASE = "postgres_limitless";
        /** What PgJDBC's URL parser reports besides parameters. */
        private static final Set<String> URL_PARTS = Set.of("PGHOST", "PGPORT", "PGDBNAME");
        /** Wrapper properties {@link #buildAwsWrapperConfiguration()} sets (lower case). */
        private static final Set<String> WRAPPER_OWNED = Set.of("wrapperplugins", "iamregion", "iamhost",
                "iamdefaultport", "wrapperprofilename");

        private String jdbcUrl;
        private String user;
        private Region region;
        private String signingHost;
        private Integer signingPort;
        private TlsMode tlsMode = TlsMode.VERIFY_FULL;
        private Path rootCertificate;
        private String applicationName;
        private IamTokenCache tokenCache;
        private RegionResolver regionResolver;
        private dev.limitless.pinning.Topology topology;
        private final Map<String, String> extraProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /** {@code jdbc:postgresql://host:port/database}: the RDS Proxy endpoint, the shard-group endpoint, or a tunnel. */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /** The database user, granted {@code rds_iam}. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The signing region; default: from the signing host's RDS name, else the AWS SDK region chain. */
        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        /**
         * The RDS endpoint name the token is signed for; default: the URL's host. Required when the URL names a custom
         * DNS name, an IP address or a tunnel ({@code localhost}), because RDS checks the token against its own
         * endpoint name.
         */
        public Builder signingHost(String signingHost) {
            this.signingHost = signingHost;
            return this;
        }

        /** The port the token is signed for; default: the URL's port. */
        public Builder signingPort(int signingPort) {
            this.signingPort = signingPort;
            return this;
        }

        /** TLS mode; default {@link TlsMode#VERIFY_FULL}. */
        public Builder tlsMode(TlsMode tlsMode) {
            this.tlsMode = Objects.requireNonNull(tlsMode, "tlsMode");
            return this;
        }

        /**
         * The CA bundle to verify the server with ({@code sslrootcert}), e.g. the RDS global bundle from
         * {@code https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem}; default: PgJDBC's
         * {@code ~/.postgresql/root.crt}.
         */
        public Builder rootCertificate(Path rootCertificate) {
            this.rootCertificate = rootCertificate;
            return this;
        }

        /**
         * Turns on the proxy-safe PgJDBC defaults ({@code ApplicationName}, {@code assumeMinServerVersion=9.0},
         * {@code prepareThreshold=0}) with this application name; {@code null} turns them off (the default).
         */
        public Builder proxySafeDriverDefaults(String applicationName) {
            this.applicationName = applicationName;
            return this;
        }

        /** A shared cache (e.g. one per application with metrics attached); default: a new one with the default chain. */
        public Builder tokenCache(IamTokenCache tokenCache) {
            this.tokenCache = tokenCache;
            return this;
        }

        /** How a missing region is found; default: {@link RegionResolver#withDefaultChain()}. */
        public Builder regionResolver(RegionResolver regionResolver) {
            this.regionResolver = regionResolver;
            return this;
        }

        /**
         * What the endpoint is; default: inferred from the URL for {@link #buildAwsWrapperConfiguration()} (see there).
         * {@link dev.limitless.pinning.Topology#LIMITLESS} enables the AWS JDBC wrapper's {@code limitless} plugin
         * whatever the host name; {@code PROXY} and {@code STANDARD} leave it off.
         */
        public Builder topology(dev.limitless.pinning.Topology topology) {
            this.topology = topology;
            return this;
        }

        /**
         * Any other PgJDBC property. {@code user} and {@code password} are refused here; TLS properties ({@code ssl*})
         * and {@code service} are refused when built unless they cannot weaken the {@link #tlsMode}.
         */
        public Builder driverProperty(String name, String value) {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("user") || key.equals("password")) {
                throw new IamConfigurationException("The driver property '" + name + "' is set by IamDataSource: use"
                        + " user(...) (limitless.iam.user) instead; a password is never stored with IAM.");
            }
            extraProperties.put(name, value);
            return this;
        }

        /** Validates the settings and builds the data source. */
        public IamDataSource build() {
            Settings settings = settings();
            if (tokenCache != null) {
                return new IamDataSource(settings, tokenCache, false);
            }
            return new IamDataSource(settings, IamTokenCache.create(), true);
        }

        /**
         * The same settings for the AWS Advanced JDBC Wrapper (topology 2 and its alternatives): plugins
         * {@code limitless,iam} for Limitless transaction routers, else {@code iam}. Limitless is the
         * {@link #topology(dev.limitless.pinning.Topology)} when set; else inferred from the URL: the database
         * {@code postgres_limitless} (the database AWS documents for Limitless clients, whether through the cluster
         * writer or reader endpoint, {@code .cluster-} / {@code .cluster-ro-}, or the shard-group endpoint), or a
         * {@code .shardgrp-} endpoint (a name only shard groups have). The starter checks the inference against the
         * database at start-up. The
         * wrapper mints its own tokens (default credentials chain or {@code awsProfile}); {@link #tokenCache} is not
         * used.
         */
        public AwsWrapperConfiguration buildAwsWrapperConfiguration() {
            Settings settings = settings();
            refuseWrapperOwned("The JDBC URL", Driver.parseURL(settings.jdbcUrl, new Properties()).stringPropertyNames());
            refuseWrapperOwned("The driver property", extraProperties.keySet());
            Map<String, String> properties = new LinkedHashMap<>(settings.driverProperties);
            boolean limitless = topology != null ? topology == dev.limitless.pinning.Topology.LIMITLESS : isLimitless(settings);
            properties.put("wrapperPlugins", limitless ? "limitless,iam" : "iam");
            properties.put("iamRegion", settings.endpoint.region().id());
            properties.put("iamHost", settings.endpoint.host());
            properties.put("iamDefaultPort", Integer.toString(settings.endpoint.port()));
            properties.put("user", settings.endpoint.user());
            // The same URL with the wrapper's prefix: every parameter the wrapper does not own reaches PgJDBC unchanged.
            String url = "jdbc:aws-wrapper:" + settings.jdbcUrl.substring("jdbc:".length());
            return new AwsWrapperConfiguration(url, properties);
        }

        /**
         * Whether the endpoint is Limitless' transaction routers, when no topology is set. A {@code .cluster-} name
         * alone could be any Aurora cluster, where the {@code limitless} plugin would fail; {@code postgres_limitless}
         * is the database every Limitless client connects to (a connection to {@code postgres} is refused there), so it
         * decides for cluster endpoints, tunnels and custom DNS names alike.
         */
        private static boolean isLimitless(Settings settings) {
            String host = settings.endpoint.host().toLowerCase(Locale.ROOT);
            return host.contains(".shardgrp-") || LIMITLESS_DATABASE.equals(settings.database);
        }

        private static void refuseWrapperOwned(String source, Set<String> names) {
            for (String name : names) {
                if (WRAPPER_OWNED.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new IamConfigurationException(source + " sets '" + name + "', which the AWS JDBC wrapper"
                            + " configuration sets from the IAM settings (wrapperPlugins, iamRegion, iamHost, iamDefaultPort)"
                            + " or which would replace them (wrapperProfileName): remove it and set limitless.iam.region,"
                            + " limitless.iam.signing-host or limitless.iam.signing-port instead; the plugins follow"
                            + " the endpoint.");
                }
            }
        }

        private Settings settings() {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IamConfigurationException("The IAM JDBC URL must start with jdbc:postgresql:, got "
                        + (jdbcUrl == null ? "none" : "'" + withoutParameters(jdbcUrl) + "'") + ": set spring.datasource.url (or jdbcUrl)"
                        + " to jdbc:postgresql://<endpoint>:5432/<database>.");
            }
            // PgJDBC resolves a service before anything can be checked, and refuses to parse an unknown one
            int query = jdbcUrl.indexOf('?');
            for (String pair : query < 0 ? new String[0] : jdbcUrl.substring(query + 1).split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (name.equalsIgnoreCase("service")) {
                    TlsParameters.check("The JDBC URL", name, "", tlsMode);
                }
            }
            Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
            if (parsed == null) {
                throw new IamConfigurationException("PgJDBC cannot parse the JDBC URL '" + withoutParameters(jdbcUrl)
                        + "'.");
            }
            String hosts = parsed.getProperty("PGHOST");
            if (hosts.contains(",")) {
                throw new IamConfigurationException("The JDBC URL '" + withoutParameters(jdbcUrl) + "' names several hosts (" + hosts
                        + "), but an IAM token is signed for one endpoint: use the cluster, proxy or shard-group endpoint.");
            }
            for (String forbidden : new String[] {"password", "user"}) {
                if (parsed.getProperty(forbidden) != null) {
                    throw new IamConfigurationException("The JDBC URL sets '" + forbidden + "', which overrides the IAM"
                            + " token or user: remove it from the URL and set the user with user(...)"
                            + " (limitless.iam.user).");
                }
            }
            String urlSslMode = parsed.getProperty("sslmode");
            String urlSsl = parsed.getProperty("ssl");
            String connectHost = hosts;
            int connectPort = Integer.parseInt(parsed.getProperty("PGPORT", "5432"));
            if (tlsMode == TlsMode.UNSAFE_PLAINTEXT_LOOPBACK_ONLY && !isLoopback(connectHost)) {
                throw new IamConfigurationException("TlsMode.UNSAFE_PLAINTEXT_LOOPBACK_ONLY sends the IAM token unencrypted"
                        + " and is only accepted for a loopback host (localhost, 127.0.0.1, ::1), not '" + connectHost
                        + "': use VERIFY_FULL (the default) with the RDS CA bundle.");
            }
            if (tlsMode == TlsMode.UNSAFE_PLAINTEXT_LOOPBACK_ONLY && (urlSslMode != null || urlSsl != null)) {
                throw new IamConfigurationException("The JDBC URL sets sslmode/ssl while tlsMode is"
                        + " UNSAFE_PLAINTEXT_LOOPBACK_ONLY: set one or the other.");
            }
            for (String name : parsed.stringPropertyNames()) {
                if (!URL_PARTS.contains(name)) {
                    TlsParameters.check("The JDBC URL", name, parsed.getProperty(name), tlsMode);
                }
            }
            extraProperties.forEach((name, value) -> TlsParameters.check("The driver property", name, value, tlsMode));
            if (signingHost == null && !RegionResolver.isRdsHostname(connectHost)) {
                throw new IamConfigurationException("The JDBC URL names '" + connectHost + "', which is not an RDS"
                        + " endpoint name, and RDS checks IAM tokens against its endpoint name: set the signing host"
                        + " (limitless.iam.signing-host) to the cluster, proxy or shard-group endpoint, e.g."
                        + " app.shardgrp-c9akciq32.us-east-1.rds.amazonaws.com.");
            }
            String host = signingHost != null ? signingHost : connectHost;
            int port = signingPort != null ? signingPort : connectPort;
            RegionResolver resolver = regionResolver != null ? regionResolver : RegionResolver.withDefaultChain();
            Region signingRegion = resolver.resolve(region, host);
            IamEndpoint endpoint = new IamEndpoint(signingRegion, host, port, user);

            Map<String, String> properties = new LinkedHashMap<>();
            if (applicationName != null) {
                properties.putAll(ProxySafeDriverDefaults.properties(applicationName));
            }
            properties.putAll(extraProperties);
            properties.put("sslmode", tlsMode.sslMode());
            if (rootCertificate != null) {
                if (!tlsMode.encrypted()) {
                    throw new IamConfigurationException("A CA bundle (" + rootCertificate + ") is set but tlsMode is "
                            + tlsMode + ": remove one of them.");
                }
                properties.put("sslrootcert", rootCertificate.toString());
            }
            if (!tlsMode.encrypted()) {
                log.warn("IAM tokens for {} are sent WITHOUT TLS to {} ({}): acceptable for local tests only",
                        endpoint, connectHost, tlsMode);
            }
            return new Settings(jdbcUrl, connectHost, connectPort, parsed.getProperty("PGDBNAME", ""), endpoint, tlsMode,
                    Map.copyOf(properties), applicationName != null);
        }

        /** The URL up to its parameters, for messages: a parameter may hold a secret that is refused further on. */
        private static String withoutParameters(String url) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query) + "?...";
        }

        private static boolean isLoopback(String host) {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (bare.equalsIgnoreCase("localhost")) {
                return true;
            }
            if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return false; // only literal addresses: a DNS name could point anywhere
            }
            try {
                return InetAddress.getByName(bare).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
