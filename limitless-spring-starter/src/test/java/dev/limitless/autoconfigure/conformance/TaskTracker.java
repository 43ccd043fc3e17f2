package dev.limitless.autoconfigure.conformance;

import dev.limitless.autoconfigure.actuate.LimitlessActuatorAutoConfiguration;
import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.conformance.tasktracker.TaskTrackerApplication;
import dev.limitless.autoconfigure.ddl.DdlAutoConfiguration;
import dev.limitless.autoconfigure.guard.AllowScatterAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.autoconfigure.metrics.MetricsAutoConfiguration;
import dev.limitless.autoconfigure.repository.RepositoryAutoConfiguration;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * The application of the conformance suite, built only from the docs: a multi-tenant task tracker on Spring Data JDBC
 * (boards sharded by annotation, notes sharded in the catalog file, labels standard), every limitless
 * auto-configuration as the starter registers it, a meter registry, and the proxy-safe driver settings of
 * docs/pinning.md.
 */
final class TaskTracker {

    private TaskTracker() {
    }

    /** The task tracker's schema as its Flyway migration creates it (db/tasktracker). */
    static String migration() {
        try (java.io.InputStream in = TaskTracker.class.getResourceAsStream("/db/tasktracker/V1__tasktracker.sql")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ApplicationContextRunner runner(TestDatabase database) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
                        DataJdbcRepositoriesAutoConfiguration.class, AopAutoConfiguration.class,
                        CatalogAutoConfiguration.class, GuardAutoConfiguration.class, AllowScatterAutoConfiguration.class,
                        MetricsAutoConfiguration.class, RepositoryAutoConfiguration.class, DdlAutoConfiguration.class,
                        LimitlessActuatorAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withUserConfiguration(TaskTrackerApplication.class)
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + database.username(),
                        "spring.datasource.hikari.data-source-properties.ApplicationName=tasktracker",
                        "spring.datasource.hikari.data-source-properties.assumeMinServerVersion=16",
                        "limitless.catalog.file=classpath:catalogs/tasktracker.yaml",
                        "limitless.ddl.mode=create");
    }
}
