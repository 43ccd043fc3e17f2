package dev.limitless.autoconfigure.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

@LimitlessPostgres(shards = 4)
class DdlAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, CatalogAutoConfiguration.class,
                    DdlAutoConfiguration.class))
            .withPropertyValues("limitless.catalog.entity-packages=dev.limitless.autoconfigure.ddl.entities");

    @Test
    void createThenValidateAgree() {
        try (TestDatabase database = PostgresServers.shared().createDatabase("ddl_create", 4)) {
            runner.withPropertyValues(datasource(database)).withPropertyValues("limitless.ddl.mode=create").run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                        "SELECT distribution_key FROM rds_aurora.limitless_tables WHERE table_name = 'tickets'", String.class))
                        .isEqualTo("HASH (event_id)");
            });
            runner.withPropertyValues(datasource(database)).withPropertyValues("limitless.ddl.mode=validate")
                    .run(context -> assertThat(context).hasNotFailed());
        }
    }

    @Test
    void validateListsEveryDifferenceAndStopsStartUp() {
        try (TestDatabase database = PostgresServers.shared().createDatabase("ddl_validate", 4)) {
            new JdbcTemplate(database.dataSource()).execute("CREATE TABLE tickets (event_id uuid PRIMARY KEY, holder text)");
            runner.withPropertyValues(datasource(database)).withPropertyValues("limitless.ddl.mode=validate").run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new SchemaMismatchFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription())
                        .contains("1 difference")
                        .contains("public.tickets is declared sharded (entity dev.limitless.autoconfigure.ddl.entities.Ticket)")
                        .contains("as a standard table or not at all");
                assertThat(analysis.getAction()).contains("limitless.ddl.mode=none");
            });
        }
    }

    @Test
    void noneDoesNothing(TestDatabase database) {
        runner.withPropertyValues(datasource(database)).run(context -> {
            assertThat(context).doesNotHaveBean(DdlAutoConfiguration.SchemaValidation.class);
            assertThat(context).doesNotHaveBean(DdlAutoConfiguration.SchemaCreation.class);
        });
    }

    private static String[] datasource(TestDatabase database) {
        return new String[] {"spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username()};
    }
}
