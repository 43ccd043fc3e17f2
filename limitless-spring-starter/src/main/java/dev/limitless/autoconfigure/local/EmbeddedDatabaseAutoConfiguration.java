package dev.limitless.autoconfigure.local;

import dev.limitless.local.LocalLimitless;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import dev.limitless.test.boot.LimitlessDatabaseConnectionDetails;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With {@code limitless.local.embedded-database=true}, and when the application has no database of its own (no
 * {@code spring.datasource.url}, no {@code DataSource} bean, no {@link JdbcConnectionDetails} bean such as a
 * {@code @ServiceConnection} or limitless-test's {@code LimitlessTestDatabase}), starts an embedded PostgreSQL 16
 * (from limitless-test) with the local Limitless emulation and connects the auto-configured {@code DataSource} to a
 * fresh database on it. This is how the sample application runs with one command and no installed database; it is
 * for local runs and tests, never for production data (the server trades durability for speed and is deleted when
 * the JVM exits).
 *
 * <p>The database starts when the connection details are created, after every condition has seen the whole
 * configuration: a test that brings its own database (by {@code @DynamicPropertySource}, a connection-details bean or
 * a {@code DataSource}) starts no second, unused one.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnBooleanProperty("limitless.local.embedded-database")
@Conditional(EmbeddedDatabaseAutoConfiguration.NoDataSourceUrl.class)
@ConditionalOnMissingBean({DataSource.class, JdbcConnectionDetails.class})
public final class EmbeddedDatabaseAutoConfiguration {

    static final String ENABLED = "limitless.local.embedded-database";
    static final String TEST_SUPPORT = "dev.limitless:limitless-test";

    /** limitless-test holds the server and the connection details, and brings the emulation (limitless-emulation). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({PostgresServers.class, LimitlessDatabaseConnectionDetails.class, LocalLimitless.class})
    static class EmbeddedDatabase {

        private static final Log log = LogFactory.getLog(EmbeddedDatabaseAutoConfiguration.class);

        @Bean
        JdbcConnectionDetails limitlessEmbeddedDatabaseConnectionDetails(Environment environment) {
            int shards = environment.getProperty("limitless.local.shards", Integer.class, LocalLimitless.DEFAULT_SHARDS);
            String name = environment.getProperty("spring.application.name", "limitless");
            TestDatabase database = PostgresServers.shared().createDatabase(name, shards);
            log.info("Started an embedded PostgreSQL with the local Limitless emulation (" + shards + " shards): "
                    + database.jdbcUrl());
            if (environment.getProperty("limitless.local.ordinary-role", Boolean.class, false)) {
                return OrdinaryRole.create(database);
            }
            return new LimitlessDatabaseConnectionDetails(database);
        }
    }

    /**
     * {@code limitless.local.ordinary-role=true}: the application connects as an ordinary role that owns the embedded
     * database, as on Aurora (whose master user is no PostgreSQL superuser), so that row-level security (the emulated
     * active shard key) applies to its SELECTs.
     */
    record OrdinaryRole(String jdbcUrl, String username, String password) implements JdbcConnectionDetails {

        static OrdinaryRole create(TestDatabase database) {
            String role = database.name() + "_app";
            String password = java.util.UUID.randomUUID().toString();
            String quotedRole = "\"" + role.replace("\"", "\"\"") + "\"";
            try (java.sql.Connection connection = database.connect(); java.sql.Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE " + quotedRole + " LOGIN PASSWORD '" + password + "'");
                statement.execute("ALTER DATABASE \"" + database.name().replace("\"", "\"\"") + "\" OWNER TO " + quotedRole);
                statement.execute("ALTER SCHEMA public OWNER TO " + quotedRole);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Could not create the ordinary role of the embedded database: " + e.getMessage(), e);
            }
            return new OrdinaryRole(database.jdbcUrl(), role, password);
        }

        @Override
        public String getJdbcUrl() {
            return jdbcUrl;
        }

        @Override
        public String getUsername() {
            return username;
        }

        @Override
        public String getPassword() {
            return password;
        }

        @Override
        public String toString() {
            // never the password
            return "OrdinaryRole[" + jdbcUrl + ", " + username + "]";
        }
    }

    /** limitless-test is not on the class path: say so at start-up rather than fail to connect to nothing. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(TestSupportMissing.Absent.class)
    static class TestSupportMissing {

        static final String MESSAGE = ENABLED + "=true needs " + TEST_SUPPORT + " on the class path, with the emulation"
                + " it brings (dev.limitless:limitless-emulation): it holds the embedded PostgreSQL, and the two are not"
                + " both there."
                + " For local runs and tests, add it in test scope and run with the test class path (spring-boot:run with"
                + " useTestClasspath, or spring-boot:test-run; see docs/testing.md); in production set"
                + " spring.datasource.url to your database (or set " + ENABLED + "=false).";

        @Bean
        static InitializingBean limitlessEmbeddedDatabaseNeedsTestSupport() {
            return () -> {
                throw new LocalDependencyMissingException(ENABLED, TEST_SUPPORT, MESSAGE);
            };
        }

        /** Matches when any class {@link EmbeddedDatabase} needs is missing: the negation of its condition. */
        static final class Absent extends NoneNestedConditions {

            Absent() {
                super(ConfigurationPhase.PARSE_CONFIGURATION);
            }

            @ConditionalOnClass({PostgresServers.class, LimitlessDatabaseConnectionDetails.class, LocalLimitless.class})
            static final class Present {
            }
        }
    }

    /** Matches when {@code spring.datasource.url} is not set anywhere in the environment. */
    static final class NoDataSourceUrl extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionMessage.Builder message = ConditionMessage.forCondition("limitless embedded database");
            if (context.getEnvironment().containsProperty("spring.datasource.url")) {
                return ConditionOutcome.noMatch(message.because("spring.datasource.url is set"));
            }
            return ConditionOutcome.match(message.because("spring.datasource.url is not set"));
        }
    }
}
