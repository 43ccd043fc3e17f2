package dev.limitless.autoconfigure.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

class LiquibaseRefusalAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, LiquibaseAutoConfiguration.class,
                    LiquibaseRefusalAutoConfiguration.class))
            .withPropertyValues("spring.liquibase.change-log=classpath:db/liquibase/changelog.yaml");

    @Test
    void liquibaseIsRefusedOnLimitlessBeforeItMigrates() {
        try (TestDatabase database = PostgresServers.shared().createDatabase("liquibase_refused", 4)) {
            runner.withPropertyValues(datasource(database)).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(LiquibaseOnLimitlessException.class);
                FailureAnalysis analysis = new LiquibaseOnLimitlessFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("foreign table", "relation already exists", "liquibase");
                assertThat(analysis.getAction()).contains("Flyway", "flyway-database-postgresql", "spring.liquibase.enabled=false");
            });
            assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                    "SELECT to_regclass('databasechangelog') IS NULL AND to_regclass('notes') IS NULL", Boolean.class)).isTrue();
        }
    }

    @Test
    void liquibaseOnAPlainPostgresqlRunsAsBefore() {
        try (TestDatabase database = PostgresServers.shared().createDatabase("liquibase_plain", 0)) {
            runner.withPropertyValues(datasource(database)).run(context -> assertThat(context).hasNotFailed());
            assertThat(new JdbcTemplate(database.dataSource()).queryForObject("SELECT to_regclass('notes') IS NOT NULL",
                    Boolean.class)).isTrue();
        }
    }

    /** Why: the emulation, showing tables as Aurora's routers do, reproduces liquibase/liquibase#6690. */
    @Test
    void onTablesShownAsForeignTablesLiquibasesSecondRunTriesToCreateItsTablesAgain() throws Exception {
        try (TestDatabase database = PostgresServers.shared().createDatabase("liquibase_foreign", 4)) {
            update(database);
            new JdbcTemplate(database.dataSource()).execute("CALL rds_aurora.limitless_local_present_as_foreign_tables()");

            assertThatThrownBy(() -> update(database)).hasStackTraceContaining("already exists");
        }
    }

    private static void update(TestDatabase database) throws Exception {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(database.dataSource());
        liquibase.setChangeLog("classpath:db/liquibase/changelog.yaml");
        liquibase.setResourceLoader(new DefaultResourceLoader());
        liquibase.afterPropertiesSet();
    }

    static String[] datasource(TestDatabase database) {
        return new String[] {"spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                "spring.datasource.password=" + database.password()};
    }
}
