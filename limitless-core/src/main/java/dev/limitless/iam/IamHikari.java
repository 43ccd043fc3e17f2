package dev.limitless.iam;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.util.Credentials;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HikariCP 7 integration: the pool asks a {@link HikariCredentialsProvider} for the user and password of every new
 * physical connection, and this one answers with the cached IAM token. The provider is set as an object (the
 * class-name setter cannot carry a configured instance), and the pool connects through the {@link IamDataSource},
 * which retries once with a new token when the server rejects one.
 *
 * <p>A token is only checked when a connection is opened; an open connection outlives its token. So
 * {@code maxLifetime} does not have to be shorter than the 15-minute token lifetime: it bounds how long a physical
 * connection lives, not how long its token is valid.
 */
public final class IamHikari {

    private static final Logger log = LoggerFactory.getLogger(IamHikari.class);

    private IamHikari() {
    }

    /**
     * Points {@code config} at {@code dataSource} and installs its tokens as the pool's credentials. Any
     * {@code jdbcUrl}, {@code username} and {@code password} on {@code config} are cleared: the data source decides.
     *
     * @throws IamConfigurationException when the proxy-safe defaults are on and the pool sets a transaction isolation
     *     (HikariCP would send {@code SET SESSION CHARACTERISTICS}, which pins an RDS Proxy session)
     */
    public static HikariConfig configure(HikariConfig config, IamDataSource dataSource) {
        if (dataSource.proxySafeDriverDefaults() && config.getTransactionIsolation() != null) {
            throw new IamConfigurationException("The pool sets transactionIsolation=" + config.getTransactionIsolation()
                    + ", which HikariCP applies with SET SESSION CHARACTERISTICS on every connection and which pins RDS"
                    + " Proxy sessions: remove it (spring.datasource.hikari.transaction-isolation) and set the"
                    + " isolation per transaction (@Transactional(isolation = ...)) instead.");
        }
        if (config.getMaxLifetime() > 0 && config.getMaxLifetime() < Duration.ofMinutes(1).toMillis()) {
            log.warn("HikariCP maxLifetime of {} ms opens a new connection, and mints or reuses an IAM token, very"
                    + " often; AWS advises IAM authentication below about 200 new connections per second",
                    config.getMaxLifetime());
        }
        config.setJdbcUrl(null);
        config.setUsername(null);
        config.setPassword(null);
        config.setDataSource(dataSource);
        config.setCredentialsProvider(credentialsProvider(dataSource));
        return config;
    }

    /** A credentials provider that answers with the data source's user and its cached IAM token. */
    public static HikariCredentialsProvider credentialsProvider(IamDataSource dataSource) {
        return new TokenCredentials(dataSource);
    }

    private static final class TokenCredentials implements HikariCredentialsProvider {

        private final IamDataSource dataSource;

        TokenCredentials(IamDataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * The user and cached token. When no token can be minted, the user without a password: the data source then
         * tries once more and reports the failure as the {@link java.sql.SQLException} a pool expects from a
         * connection attempt (an exception thrown here would escape HikariCP unwrapped).
         */
        @Override
        public Credentials getCredentials() {
            IamEndpoint endpoint = dataSource.endpoint();
            try {
                return Credentials.of(endpoint.user(), dataSource.tokenCache().token(endpoint));
            } catch (IamTokenException e) {
                return Credentials.of(endpoint.user(), null);
            }
        }

        @Override
        public String toString() {
            return "IamHikari.TokenCredentials[" + dataSource.endpoint() + "]";
        }
    }
}
