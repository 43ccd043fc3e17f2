package dev.limitless.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.iam.IamTokenRefresh.Reason;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.FixedClockRdsUtilities;
import software.amazon.jdbc.authentication.AwsCredentialsManager;

/**
 * IAM tokens against the real embedded PostgreSQL: a role whose password is set to the token the cache is expected
 * to mint, so the server itself (scram-sha-256) proves which token arrived. The embedded server has no TLS, so the
 * data source runs in {@link TlsMode#UNSAFE_PLAINTEXT_LOOPBACK_ONLY}; the TLS refusal is tested with the real modes.
 * Every log event of every logger, at every level, is captured and checked for secrets.
 */
@LimitlessPostgres(shards = 0)
class IamEndToEndTest {

    private static final String SIGNING_HOST = "ledger.shardgrp-c9akciq32abc.us-east-1.rds.amazonaws.com";
    private static final Instant START = Instant.parse("2026-11-23T03:00:00Z");
    private static final AtomicInteger ROLES = new AtomicInteger();

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final MutableClock clock = new MutableClock(START);
    private final List<IamTokenRefresh> refreshes = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger sdkSigner = (Logger) LoggerFactory.getLogger(TokenMinter.SDK_SIGNER_LOGGER);
    private final Logger sdkUri = (Logger) LoggerFactory.getLogger(TokenMinter.SDK_URI_LOGGER);
    private Level rootLevel;
    private String role;
    private IamTokenCache cache;

    @BeforeEach
    void createRoleAndCaptureLogs() throws SQLException {
        role = "iam_user_" + ProcessHandle.current().pid() + "_" + ROLES.incrementAndGet();
        superuser("CREATE ROLE " + role + " LOGIN PASSWORD 'not-a-token'");
        cache = IamTokenCache.builder()
                .clock(clock)
                .nanoTime(clock::nanoTime)
                .listener(refreshes::add)
                .credentialsProvider(TestCredentials.SESSION)
                .build();
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        // as docs/iam.md asks: these SDK loggers print secrets below INFO (see the refusal tests below)
        sdkSigner.setLevel(Level.INFO);
        sdkUri.setLevel(Level.INFO);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void noSecretInAnyLogAndDropRole() throws SQLException {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        sdkSigner.setLevel(null);
        sdkUri.setLevel(null);
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertNoSecret(text);
        }
        superuser("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
        superuser("DROP ROLE IF EXISTS " + role);
    }

    @Test
    void theTokenReachesTheServerAsThePasswordThroughHikari() throws SQLException {
        IamDataSource dataSource = dataSource();
        setPassword(expectedToken(START));

        try (HikariDataSource pool = pool(dataSource); Connection connection = pool.getConnection()) {
            assertThat(currentUser(connection)).isEqualTo(role);
        }
        assertThat(refreshes).extracting(IamTokenRefresh::reason).containsExactly(Reason.FIRST_USE);
    }

    @Test
    void newConnectionsUseTheRefreshedToken() throws SQLException {
        IamDataSource dataSource = dataSource();
        setPassword(expectedToken(START));
        try (HikariDataSource pool = pool(dataSource)) {
            try (Connection connection = pool.getConnection()) {
                assertThat(currentUser(connection)).isEqualTo(role);
            }

            clock.advance(Duration.ofMinutes(10));
            String refreshed = expectedToken(START.plus(Duration.ofMinutes(10)));
            setPassword(refreshed);
            pool.getHikariPoolMXBean().softEvictConnections();

            try (Connection connection = pool.getConnection()) {
                assertThat(currentUser(connection)).isEqualTo(role);
            }
            assertThat(cache.isCurrent(dataSource.endpoint(), refreshed)).isTrue();
            assertThat(refreshes).extracting(IamTokenRefresh::reason).containsExactly(Reason.FIRST_USE, Reason.REFRESH_AHEAD);
        }
        assertThatThrownBy(() -> connectDirectly(expectedToken(START)))
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
    }

    @Test
    void aRejectedTokenIsReplacedByANewlySignedOneEvenWithinTheSameSecond() throws SQLException {
        IamDataSource dataSource = dataSource();
        setPassword(expectedToken(START));
        try (Connection connection = dataSource.getConnection()) {
            assertThat(currentUser(connection)).isEqualTo(role);
        }

        // No time passes, yet the server now refuses the cached token: re-signing at the same second would present
        // the very same token again, so the retry must carry the next second's signature.
        setPassword(expectedToken(START.plusSeconds(1)));

        try (Connection connection = dataSource.getConnection()) {
            assertThat(currentUser(connection)).isEqualTo(role);
        }
        assertThat(refreshes).extracting(IamTokenRefresh::reason).containsExactly(Reason.FIRST_USE, Reason.REJECTED);
        assertThat(logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("retrying once"));
    }

    @Test
    void retriesOnlyOnceWhenTheNewTokenIsRejectedToo() {
        IamDataSource dataSource = dataSource();

        assertThatThrownBy(dataSource::getConnection)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01");
                    assertThat(e.getMessage()).contains(role);
                    assertNoSecret(e.toString());
                });
        assertThat(refreshes).extracting(IamTokenRefresh::reason).containsExactly(Reason.FIRST_USE, Reason.REJECTED);
    }

    @Test
    void refusesToSendTheTokenToAServerWithoutTls() {
        for (TlsMode mode : new TlsMode[] {TlsMode.REQUIRE, TlsMode.VERIFY_FULL}) {
            IamDataSource dataSource = builder().tlsMode(mode).build();
            setPasswordUnchecked(expectedToken(START));

            assertThatThrownBy(dataSource::getConnection)
                    .isInstanceOf(IamTlsException.class)
                    .hasMessageContaining("IAM authentication needs TLS")
                    .hasMessageContaining("sslmode=" + mode.sslMode())
                    .satisfies(e -> {
                        assertThat(((SQLException) e).getSQLState()).isEqualTo("08004");
                        assertNoSecret(e.toString());
                    });
        }
    }

    @Test
    void refusesToMintWhileTheSdkSignerLogsTheSessionToken() {
        IamDataSource dataSource = dataSource();
        sdkSigner.setLevel(Level.DEBUG);

        assertThatThrownBy(dataSource::getConnection)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(TokenMinter.SDK_SIGNER_LOGGER + " is at DEBUG")
                .hasMessageContaining("logging.level.software.amazon.awssdk=INFO")
                .hasRootCauseInstanceOf(IamConfigurationException.class);
        assertThat(refreshes).singleElement().extracting(IamTokenRefresh::outcome)
                .isEqualTo(IamTokenRefresh.Outcome.FAILURE);
    }

    @Test
    void hikariReportsWhyNoTokenCouldBeMinted() {
        IamDataSource dataSource = dataSource();
        sdkSigner.setLevel(Level.DEBUG);
        HikariConfig config = new HikariConfig();
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(250);
        config.setPoolName("iam-e2e-failing");

        try (HikariDataSource pool = new HikariDataSource(IamHikari.configure(config, dataSource))) {
            assertThatThrownBy(pool::getConnection)
                    .isInstanceOf(SQLException.class)
                    .rootCause()
                    .isInstanceOf(IamConfigurationException.class)
                    .hasMessageContaining(TokenMinter.SDK_SIGNER_LOGGER);
        }
    }

    @Test
    void refusesToMintWhileTheSdkUriCacheLogsTheToken() {
        IamDataSource dataSource = dataSource();
        sdkUri.setLevel(Level.TRACE);

        assertThatThrownBy(dataSource::getConnection)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(TokenMinter.SDK_URI_LOGGER + " is at TRACE");
    }

    @Test
    void theAwsWrapperIamPluginPresentsATokenFromTheSameSettings() throws Exception {
        AwsWrapperConfiguration wrapper = builder().buildAwsWrapperConfiguration();
        Class.forName(AwsWrapperConfiguration.DRIVER_CLASS_NAME);
        AwsCredentialsManager.setCustomHandler((hostSpec, properties) -> TestCredentials.SESSION);
        try {
            Properties properties = wrapper.asProperties();
            properties.setProperty("wrapperPlugins", "iam"); // the limitless plugin needs real routers
            // The wrapper signs with the real clock, so the server cannot know its token in advance: it must refuse
            // it, which proves the wrapper connected to the URL we built and authenticated with a token as the password.
            assertThatThrownBy(() -> DriverManager.getConnection(wrapper.jdbcUrl(), properties).close())
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> {
                        assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01");
                        assertThat(e.getMessage()).contains(role);
                    });
        } finally {
            AwsCredentialsManager.resetCustomHandler();
        }
    }

    @Test
    void theAwsWrapperPassesOnTheUrlParametersItDoesNotOwn() throws Exception {
        String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?")
                + "currentSchema=wrapper_kept,public&ApplicationName=kept-by-wrapper";
        AwsWrapperConfiguration wrapper = builder().jdbcUrl(url).buildAwsWrapperConfiguration();
        Class.forName(AwsWrapperConfiguration.DRIVER_CLASS_NAME);
        Properties properties = wrapper.asProperties();
        // no plugin: the role's ordinary password shows what reaches PostgreSQL through the wrapper's URL
        properties.setProperty("wrapperPlugins", "");
        properties.setProperty("password", "not-a-token");

        try (Connection connection = DriverManager.getConnection(wrapper.jdbcUrl(), properties);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT current_setting('search_path'), current_setting('application_name')")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("wrapper_kept,public");
            assertThat(rows.getString(2)).isEqualTo("kept-by-wrapper");
        }
    }

    private IamDataSource.Builder builder() {
        return IamDataSource.builder()
                .jdbcUrl(database.jdbcUrl())
                .user(role)
                .signingHost(SIGNING_HOST)
                .signingPort(5432)
                .tlsMode(TlsMode.UNSAFE_PLAINTEXT_LOOPBACK_ONLY)
                .tokenCache(cache);
    }

    private IamDataSource dataSource() {
        return builder().build();
    }

    private static HikariDataSource pool(IamDataSource dataSource) {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setPoolName("iam-e2e");
        return new HikariDataSource(IamHikari.configure(config, dataSource));
    }

    /** The token the SDK mints for this test's endpoint at {@code at}, computed apart from the cache. */
    private String expectedToken(Instant at) {
        return FixedClockRdsUtilities.create(Clock.fixed(at, ZoneOffset.UTC), TestCredentials.SESSION)
                .generateAuthenticationToken(request -> request.hostname(SIGNING_HOST).port(5432).username(role)
                        .region(Region.US_EAST_1));
    }

    private void setPassword(String password) throws SQLException {
        superuser("ALTER ROLE " + role + " PASSWORD '" + password.replace("'", "''") + "'");
    }

    private void setPasswordUnchecked(String password) {
        try {
            setPassword(password);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void connectDirectly(String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("password", password);
        DriverManager.getConnection(database.jdbcUrl(), properties).close();
    }

    private static String currentUser(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT current_user")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void superuser(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void assertNoSecret(String text) {
        assertThat(text)
                .doesNotContain("X-Amz-Signature")
                .doesNotContain(TestCredentials.SECRET_KEY)
                .doesNotContain(TestCredentials.SESSION_TOKEN)
                .doesNotContain("X-Amz-Security-Token");
    }
}
