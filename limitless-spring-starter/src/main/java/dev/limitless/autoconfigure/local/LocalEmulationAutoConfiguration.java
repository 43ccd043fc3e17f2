package dev.limitless.autoconfigure.local;

import dev.limitless.local.LocalLimitless;
import dev.limitless.local.LocalInstallRefusedException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * With {@code limitless.local.install=true}, installs the local Limitless emulation into the application's
 * DataSource at start-up, before Flyway migrates, so that migrations written in Limitless DDL run on a plain
 * PostgreSQL. Needs a superuser. Only into a database the library created itself (the embedded database or the test
 * support) unless {@code limitless.local.install-on-any-database=true} (a compose file or CI service you own); a server
 * that reports Aurora or RDS is refused in every case.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = FlywayAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = {"limitless.enabled"}, matchIfMissing = true)
@ConditionalOnBooleanProperty("limitless.local.install")
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(LocalProperties.class)
public final class LocalEmulationAutoConfiguration {

    @Bean
    LocalEmulationInstaller limitlessLocalEmulationInstaller(DataSource dataSource, LocalProperties properties) {
        return new LocalEmulationInstaller(dataSource, properties.getShards(), properties.isInstallOnAnyDatabase());
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

    /** Installs once, when the bean is initialised. */
    static final class LocalEmulationInstaller implements InitializingBean {
        private static final String TEST_SUPPORT = "dev.limitless.test.PostgresServers";

        private final DataSource dataSource;
        private final int shards;
        private final boolean anyDatabase;

        LocalEmulationInstaller(DataSource dataSource, int shards, boolean anyDatabase) {
            this.dataSource = dataSource;
            this.shards = shards;
            this.anyDatabase = anyDatabase;
        }

        @Override
        public void afterPropertiesSet() throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                String url = connection.getMetaData().getURL();
                if (!anyDatabase && !createdByTheLibrary(url)) {
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

        private static boolean createdByTheLibrary(String url) {
            return ClassUtils.isPresent(TEST_SUPPORT, LocalEmulationInstaller.class.getClassLoader())
                    && TestSupport.created(url);
        }
    }

    /** Kept in its own type so that limitless-test classes load only when they are on the class path. */
    private static final class TestSupport {
        static boolean created(String url) {
            return dev.limitless.test.PostgresServers.createdHere(url);
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
