package dev.limitless.autoconfigure.local;

import dev.limitless.local.LocalInstallRefusedException;
import dev.limitless.local.LocalLimitless;
import dev.limitless.test.PostgresServers;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code limitless.local.install=true}, installs the local Limitless emulation (dev.limitless:limitless-emulation,
 * an optional dependency of the starter) into the application's DataSource at start-up, before Flyway migrates, so
 * that migrations written in Limitless DDL run on a plain PostgreSQL. Needs a superuser. Only into a database the
 * library created itself (the embedded database or the test support) unless
 * {@code limitless.local.install-on-any-database=true} (a compose file or CI service you own); a server that reports
 * Aurora or RDS is refused in every case. Without limitless-emulation on the class path, start-up stops naming it.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = FlywayAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = {"limitless.enabled"}, matchIfMissing = true)
@ConditionalOnBooleanProperty(LocalEmulationAutoConfiguration.ENABLED)
@EnableConfigurationProperties(LocalProperties.class)
public final class LocalEmulationAutoConfiguration {

    static final String ENABLED = "limitless.local.install";
    static final String EMULATION = "dev.limitless:limitless-emulation";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LocalLimitless.class)
    @ConditionalOnBean(DataSource.class)
    static class Installation {

        @Bean
        LocalEmulationInstaller limitlessLocalEmulationInstaller(DataSource dataSource, LocalProperties properties,
                ObjectProvider<LibraryDatabases> libraryDatabases) {
            return new LocalEmulationInstaller(dataSource, properties.getShards(), properties.isInstallOnAnyDatabase(),
                    libraryDatabases.getIfAvailable(() -> url -> false));
        }

        /** Makes Flyway wait for the installation: Flyway's callbacks are created before it migrates. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(Callback.class)
        static class FlywayOrdering {

            @Bean
            Callback limitlessLocalEmulationInstalledBeforeMigration(LocalEmulationInstaller installer) {
                return new InstalledBeforeMigration();
            }
        }
    }

    /** limitless-test (when on the class path) knows which databases it created: those the installer may change. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(PostgresServers.class)
    static class TestSupportDatabases {

        @Bean
        LibraryDatabases limitlessTestSupportDatabases() {
            return PostgresServers::createdHere;
        }
    }

    /** limitless-emulation is not on the class path: stop start-up naming it, rather than skip the installation. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(EmulationMissing.Absent.class)
    static class EmulationMissing {

        static final String MESSAGE = ENABLED + "=true needs " + EMULATION + " on the class path (the local Limitless"
                + " emulation, an optional dependency of the starter), and it is not there. Add it (limitless-test brings"
                + " it too) for local runs and tests, or set " + ENABLED + "=false.";

        @Bean
        static InitializingBean limitlessLocalInstallNeedsEmulation() {
            return () -> {
                throw new LocalDependencyMissingException(ENABLED, EMULATION, MESSAGE);
            };
        }

        /** Matches when {@link LocalLimitless} is missing: the negation of {@link Installation}'s class condition. */
        static final class Absent extends NoneNestedConditions {

            Absent() {
                super(ConfigurationPhase.PARSE_CONFIGURATION);
            }

            @ConditionalOnClass(LocalLimitless.class)
            static final class Present {
            }
        }
    }

    /** Whether a database (by JDBC URL) was created by the library's own test support or embedded database. */
    @FunctionalInterface
    interface LibraryDatabases {
        boolean created(String jdbcUrl);
    }

    /** Installs once, when the bean is initialised. */
    static final class LocalEmulationInstaller implements InitializingBean {

        private final DataSource dataSource;
        private final int shards;
        private final boolean anyDatabase;
        private final LibraryDatabases libraryDatabases;

        LocalEmulationInstaller(DataSource dataSource, int shards, boolean anyDatabase, LibraryDatabases libraryDatabases) {
            this.dataSource = dataSource;
            this.shards = shards;
            this.anyDatabase = anyDatabase;
            this.libraryDatabases = libraryDatabases;
        }

        @Override
        public void afterPropertiesSet() throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                String url = connection.getMetaData().getURL();
                if (!anyDatabase && !libraryDatabases.created(url)) {
                    int query = url.indexOf('?');
                    throw new LocalInstallRefusedException("limitless.local.install=true, but the database "
                            + (query < 0 ? url : url.substring(0, query)) + " was not created by"
                            + " limitless.local.embedded-database or the test support of this application, so it may"
                            + " hold data that is not the emulation's to change. Use the embedded database (remove"
                            + " spring.datasource.url and set limitless.local.embedded-database=true), or, for a local or"
                            + " CI PostgreSQL you own, set limitless.local.install-on-any-database=true.");
                }
                LocalLimitless.install(connection, shards);
            }
        }
    }

    /** Does nothing itself: its dependency on the installer orders installation before migration. */
    static final class InstalledBeforeMigration implements Callback {
        @Override
        public boolean supports(Event event, Context context) {
            return false;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
        }

        @Override
        public String getCallbackName() {
            return "limitless local emulation installed";
        }
    }
}
