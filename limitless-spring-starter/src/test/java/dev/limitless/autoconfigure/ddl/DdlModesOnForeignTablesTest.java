package dev.limitless.autoconfigure.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** limitless.ddl.mode=create/validate when the tables look as Aurora's routers show them: foreign tables. */
class DdlModesOnForeignTablesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, CatalogAutoConfiguration.class,
                    DdlAutoConfiguration.class))
            .withPropertyValues("limitless.catalog.entity-packages=dev.limitless.autoconfigure.ddl.entities");

    @Test
    void createRecognisesExistingForeignTablesAndValidateReadsTheirCatalog() {
        try (TestDatabase database = PostgresServers.shared().createDatabase("ddl_foreign", 4)) {
            String[] datasource = {"spring.datasource.url=" + database.jdbcUrl(),
                    "spring.datasource.username=" + database.username(), "spring.datasource.password=" + database.password()};
            runner.withPropertyValues(datasource).withPropertyValues("limitless.ddl.mode=create")
                    .run(context -> assertThat(context).hasNotFailed());
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            jdbc.execute("CALL rds_aurora.limitless_local_present_as_foreign_tables()");
            assertThat(jdbc.queryForObject("SELECT relkind::text FROM pg_class WHERE oid = 'tickets'::regclass", String.class))
                    .isEqualTo("f");

            // a second start finds every table (it would otherwise create them again, or refuse a half-created schema)
            runner.withPropertyValues(datasource).withPropertyValues("limitless.ddl.mode=create")
                    .run(context -> assertThat(context).hasNotFailed());
            runner.withPropertyValues(datasource).withPropertyValues("limitless.ddl.mode=validate")
                    .run(context -> assertThat(context).hasNotFailed());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relname = 'tickets'", Integer.class)).isEqualTo(2);
        }
    }
}
