package dev.limitless.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.LedgerSchema;
import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/** docs/metrics.md: with observations, Micrometer's meter handler adds limitless.statement.active beside the timer. */
@LimitlessPostgres(shards = 4)
class StatementActiveMeterTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                    org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
                    CatalogAutoConfiguration.class, GuardAutoConfiguration.class, MetricsAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl() + "?ApplicationName=metrics-test&assumeMinServerVersion=16",
                    "spring.datasource.username=" + database.username(), "limitless.catalog.file=classpath:catalogs/ledger.yaml");

    @BeforeAll
    static void schema() {
        LedgerSchema.create(database);
    }

    @Test
    void observedStatementsAlsoHaveALongTaskTimerOfTheRunningOnes() {
        runner.run(context -> {
            context.getBean(JdbcClient.class).sql("SELECT count(*) FROM accounts WHERE account_id = ?")
                    .param(UUID.randomUUID()).query(Integer.class).single();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            LongTaskTimer active = registry.get("limitless.statement.active").tag("route", "single_shard")
                    .tag("table", "public.accounts").tag("operation", "select").tag("outcome", "success").longTaskTimer();
            assertThat(active.activeTasks()).isZero();
            assertThat(registry.get("limitless.statement").tag("route", "single_shard").tag("outcome", "success")
                    .timer().count()).isEqualTo(1);
        });
    }
}
