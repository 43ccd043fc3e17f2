package dev.limitless.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.guard.Route;
import dev.limitless.autoconfigure.LedgerSchema;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

@LimitlessPostgres(shards = 4)
class LimitlessActuatorTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    JdbcClientAutoConfiguration.class, CatalogAutoConfiguration.class, GuardAutoConfiguration.class,
                    LimitlessActuatorAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                    "limitless.catalog.file=classpath:catalogs/ledger.yaml", "management.endpoints.web.exposure.include=limitless");

    @BeforeAll
    static void schema() {
        LedgerSchema.create(database);
    }

    @Test
    void endpointShowsCatalogPoliciesCountsAndTopStatements() {
        runner.run(context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            for (int i = 0; i < 3; i++) {
                jdbc.sql("SELECT count(*) FROM accounts WHERE account_id = ?").param(UUID.randomUUID()).query(Integer.class).single();
            }
            jdbc.sql("/* limitless:allow-scatter */ SELECT count(*) FROM accounts WHERE owner = 'secret owner'").query(Integer.class).single();
            assertThatThrownBy(() -> jdbc.sql("SELECT count(*) FROM transactions").query(Integer.class).single());
            assertThatThrownBy(() -> jdbc.sql("SELECT count(*) FROM transactions").query(Integer.class).single());

            LimitlessEndpoint.DataSourceDescriptor described = context.getBean(LimitlessEndpoint.class).limitless().dataSources().get("dataSource");
            assertThat(described.catalog()).extracting(LimitlessEndpoint.TableDescriptor::table)
                    .containsExactly("public.accounts", "public.transactions", "public.currencies");
            assertThat(described.guardPolicy()).containsEntry(Route.SCATTER, "refuse").containsEntry(Route.MULTI_SHARD, "allow");
            assertThat(described.pinningPolicy()).containsEntry("set", "warn");
            assertThat(described.executionsByRoute().get(Route.SINGLE_SHARD)).isEqualTo(3);
            assertThat(described.executionsByRoute().get(Route.SCATTER)).isEqualTo(1);
            assertThat(described.refusals()).isEqualTo(2);
            assertThat(described.topRefused()).singleElement().satisfies(top -> {
                assertThat(top.statement()).isEqualTo("SELECT count(*) FROM transactions");
                assertThat(top.count()).isEqualTo(2);
            });
            assertThat(described.topScatter()).singleElement().satisfies(top ->
                    assertThat(top.statement()).contains("owner = '?'").doesNotContain("secret owner"));
        });
    }

    /** The endpoint reports the policies the per-concern properties classes set, in the words users write. */
    @Test
    void endpointReportsThePoliciesSetByProperties() {
        runner.withPropertyValues("limitless.guard.scatter=warn", "limitless.guard.multi-shard=REFUSE",
                "limitless.guard.unknown=allow", "limitless.pinning.default-action=allow",
                "limitless.pinning.actions.temp_table=refuse", "limitless.pinning.actions.driver-setting=warn").run(context -> {
                    LimitlessEndpoint.DataSourceDescriptor described = context.getBean(LimitlessEndpoint.class).limitless()
                            .dataSources().get("dataSource");
                    assertThat(described.guardPolicy()).containsEntry(Route.SCATTER, "warn")
                            .containsEntry(Route.MULTI_SHARD, "refuse").containsEntry(Route.UNKNOWN, "allow")
                            .containsEntry(Route.SINGLE_SHARD, "allow");
                    assertThat(described.pinningPolicy()).containsEntry("temp_table", "refuse")
                            .containsEntry("driver_setting", "warn").containsEntry("set", "allow");
                });
    }

    @Test
    void healthReportsAMismatchWithTheConfiguredStatus() {
        runner.withPropertyValues("limitless.ddl.mismatch-health-status=out_of_service",
                "limitless.catalog.file=classpath:catalogs/conflicting.yaml").run(context -> {
                    Health health = context.getBean(LimitlessHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(new Status("OUT_OF_SERVICE"));
                });
    }

    @Test
    void healthIsUpWhenTheDatabaseAnswersAndTheCatalogAgrees() {
        runner.run(context -> {
            Health health = context.getBean(LimitlessHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) health.getDetails().get("dataSource");
            assertThat(details).containsEntry("database", "reachable").containsEntry("catalog", "consistent");
        });
    }

    @Test
    void healthIsDownWhenTheCatalogDisagreesWithTheDatabase() {
        runner.withPropertyValues("limitless.catalog.file=classpath:catalogs/conflicting.yaml").run(context -> {
            Health health = context.getBean(LimitlessHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("dataSource").toString()).contains("public.accounts is declared reference");
        });
    }

    @Test
    void endpointBacksOffWhenNotExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).doesNotHaveBean(LimitlessEndpoint.class));
    }
}
