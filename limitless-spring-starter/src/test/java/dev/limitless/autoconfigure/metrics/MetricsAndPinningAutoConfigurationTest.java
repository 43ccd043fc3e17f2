package dev.limitless.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.pinning.PinningRefusedException;
import dev.limitless.autoconfigure.LedgerSchema;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

@LimitlessPostgres(shards = 4)
class MetricsAndPinningAutoConfigurationTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    JdbcClientAutoConfiguration.class, CatalogAutoConfiguration.class, GuardAutoConfiguration.class,
                    MetricsAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl() + "?ApplicationName=metrics-test&assumeMinServerVersion=16",
                    "spring.datasource.username=" + database.username(), "limitless.catalog.file=classpath:catalogs/ledger.yaml");

    @BeforeAll
    static void schema() {
        LedgerSchema.create(database);
    }

    @Test
    void statementsAndRefusalsAreMeteredWithRouteAndTable() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            jdbc.sql("SELECT count(*) FROM accounts WHERE account_id = ?").param(UUID.randomUUID()).query(Integer.class).single();
            assertThatThrownBy(() -> jdbc.sql("SELECT count(*) FROM accounts").query(Integer.class).single());
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("limitless.statement").tag("route", "single_shard").tag("table", "public.accounts")
                    .tag("operation", "select").tag("outcome", "success").timer().count()).isEqualTo(1);
            assertThat(registry.get("limitless.guard.refusals").tag("route", "scatter").tag("table", "public.accounts")
                    .counter().count()).isEqualTo(1);
        });
    }

    @Test
    void withoutARegistryNothingIsMetered() {
        runner.run(context -> assertThat(context).doesNotHaveBean(LimitlessMetrics.class));
    }

    @Test
    void pinningWarnsByDefaultAndRefusesPerReasonWhenAsked() {
        runner.run(context -> context.getBean(JdbcTemplate.class).execute("SET search_path TO public"));
        runner.withPropertyValues("limitless.pinning.actions.set=refuse").run(context ->
                assertThatThrownBy(() -> context.getBean(JdbcTemplate.class).execute("SET search_path TO public"))
                        .hasRootCauseInstanceOf(PinningRefusedException.class));
    }

    @Test
    void aPinningDriverSettingStopsStartUpWhenRefused() {
        runner.withPropertyValues("spring.datasource.hikari.transaction-isolation=TRANSACTION_SERIALIZABLE",
                "limitless.pinning.actions.driver-setting=refuse").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(PinningRefusedException.class)
                            .hasMessageContaining("isolation");
                });
    }
}
