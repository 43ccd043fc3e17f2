package dev.limitless.autoconfigure.iam;

import dev.limitless.iam.TlsMode;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * IAM database authentication ({@code limitless.iam.*}): the pool connects with a short-lived token minted from the
 * application's AWS credentials instead of a stored password. See docs/iam.md.
 */
@ConfigurationProperties("limitless.iam")
public class IamProperties {

    /** Connect with IAM tokens instead of spring.datasource.password. */
    private boolean enabled = false;

    /** How the pool connects: directly with tokens from limitless, or through the AWS Advanced JDBC Wrapper. */
    private Mode mode = Mode.DATA_SOURCE;

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
    private Duration refreshAhead = Duration.ofMinutes(5);

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

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
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

    public Duration getRefreshAhead() {
        return refreshAhead;
    }

    public void setRefreshAhead(Duration refreshAhead) {
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

    /** How an IAM-authenticated pool connects. */
    public enum Mode {
        /** limitless mints tokens and hands them to HikariCP (topology 1 through RDS Proxy, or 2 to the routers). */
        DATA_SOURCE,
        /**
         * The AWS Advanced JDBC Wrapper with its iam plugin, plus its limitless plugin for a shard-group endpoint or a
         * cluster endpoint with the database postgres_limitless.
         */
        AWS_WRAPPER
    }

    /** TLS of IAM connections (IAM authentication requires TLS). */
    public static class Tls {

        /** verify-full (default), verify-ca or require. */
        private TlsMode mode = TlsMode.VERIFY_FULL;

        /** The RDS CA bundle (PEM), e.g. /opt/rds/global-bundle.pem. Default: the JVM's trust store. */
        private Path rootCertificate;

        public TlsMode getMode() {
            return mode;
        }

        public void setMode(TlsMode mode) {
            this.mode = mode;
        }

        public Path getRootCertificate() {
            return rootCertificate;
        }

        public void setRootCertificate(Path rootCertificate) {
            this.rootCertificate = rootCertificate;
        }
    }
}
