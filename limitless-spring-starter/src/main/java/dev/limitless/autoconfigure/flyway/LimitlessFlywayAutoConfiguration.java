package dev.limitless.autoconfigure.flyway;

import dev.limitless.catalog.LiveCatalog;
import dev.limitless.flyway.LimitlessFlywayDatabaseType;
import dev.limitless.jdbc.GuardedDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.DatabaseType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Flyway on Aurora PostgreSQL Limitless: Flyway finds limitless' database type through its plugin SPI (it locks with
 * a row lock instead of the advisory locks Limitless refuses, docs/ddl.md). This configuration makes sure it did: if
 * the type is not registered with the Flyway the application builds (a repackaged jar that dropped limitless-core's
 * {@code META-INF/services} entry, or no {@code flyway-database-postgresql}) and the database is Limitless or its
 * emulation, start-up stops before Flyway would fail on its advisory lock.
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass({Flyway.class, FlywayConfigurationCustomizer.class})
@ConditionalOnBooleanProperty(name = "limitless.enabled", matchIfMissing = true)
public final class LimitlessFlywayAutoConfiguration {

    @Bean
    FlywayConfigurationCustomizer limitlessFlywayDatabaseTypeCheck() {
        return configuration -> requireLimitlessDatabaseType(configuration);
    }

    /**
     * Migrations run below the guard: they are the application owner's schema changes, which the guard does not route
     * anyway, and Flyway's own session statements ({@code SET ROLE}, {@code set_config}) are not the application's
     * pinning risks; refusing them under {@code limitless.pinning.actions.set=refuse} would stop start-up.
     */
    @Bean
    FlywayConfigurationCustomizer limitlessFlywayBelowTheGuard() {
        return configuration -> {
            if (configuration.getDataSource() instanceof GuardedDataSource guarded) {
                configuration.dataSource(guarded.delegate());
            }
        };
    }

    static void requireLimitlessDatabaseType(Configuration configuration) {
        if (registered(configuration)) {
            return;
        }
        DataSource dataSource = configuration.getDataSource();
        if (dataSource != null && LiveCatalog.isPresent(dataSource)) {
            throw new LimitlessFlywayUnavailableException();
        }
    }

    private static boolean registered(Configuration configuration) {
        return configuration.getPluginRegister().getInstancesOf(DatabaseType.class).stream()
                .anyMatch(type -> type instanceof LimitlessFlywayDatabaseType limitless && limitless.isUsable());
    }
}
