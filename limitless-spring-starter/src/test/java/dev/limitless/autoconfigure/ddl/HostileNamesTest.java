package dev.limitless.autoconfigure.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.catalog.CatalogException;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** A name that would break out of generated DDL stops start-up, naming the class or the file and line. */
class HostileNamesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, CatalogAutoConfiguration.class,
                    DdlAutoConfiguration.class));

    @Test
    void anEntityTableNameWithALineBreakStopsDdlCreateAndTheCanarySurvives() {
        try (TestDatabase database = PostgresServers.shared().createDatabase("hostile_entity", 4)) {
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            jdbc.execute("CREATE TABLE canary (id int)");
            runner.withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
                    "spring.datasource.username=" + database.username(), "limitless.ddl.mode=create",
                    "limitless.catalog.entity-packages=dev.limitless.autoconfigure.ddl.hostile").run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure()).rootCause()
                                .isInstanceOf(CatalogException.class)
                                .hasMessageContaining("entity dev.limitless.autoconfigure.ddl.hostile.EvilName")
                                .hasMessageContaining("control character U+000A");
                    });
            assertThat(jdbc.queryForObject("SELECT to_regclass('public.canary') IS NOT NULL", Boolean.class)).isTrue();
        }
    }

    @Test
    void aCatalogFileNameWithALineBreakStopsStartUpNamingFileAndLine() {
        runner.withPropertyValues("limitless.catalog.file=classpath:catalogs/hostile-name.yaml").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(CatalogException.class)
                    .hasMessageContaining("hostile-name.yaml:5: ")
                    .hasMessageContaining("control character U+000A")
                    .hasMessageNotContaining("\n");
        });
    }
}
