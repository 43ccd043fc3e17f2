package dev.limitless.autoconfigure.local;

import dev.limitless.autoconfigure.LimitlessProperties;
import dev.limitless.local.LocalLimitless;
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

/**
 * With {@code limitless.local.install=true}, installs the local Limitless emulation into the application's
 * DataSource at start-up, before Flyway migrates, so that migrations written in Limitless DDL run on a plain
 * PostgreSQL (a compose file, a CI service). Needs a superuser. Never enable it against Aurora.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = FlywayAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = {"limitless.enabled"}, matchIfMissing = true)
@ConditionalOnBooleanProperty("limitless.local.install")
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(LimitlessProperties.class)
public final class LocalEmulationAutoConfiguration {

    @Bean
    LocalEmulationInstaller limitlessLocalEmulationInstaller(DataSource dataSource, LimitlessProperties properties) {
        return new LocalEmulationInstaller(dataSource, properties.getLocal().getShards());
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
        private final DataSource dataSource;
        private final int shards;

        LocalEmulationInstaller(DataSource dataSource, int shards) {
            this.dataSource = dataSource;
            this.shards = shards;
        }

        @Override
        public void afterPropertiesSet() throws SQLException {
            LocalLimitless.install(dataSource, shards);
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
