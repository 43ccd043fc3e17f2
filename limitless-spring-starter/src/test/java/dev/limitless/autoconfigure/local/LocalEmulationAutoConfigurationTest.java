package dev.limitless.autoconfigure.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

@LimitlessPostgres(shards = 0)
class LocalEmulationAutoConfigurationTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
                    LocalEmulationAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
                    "spring.datasource.username=" + database.username(),
                    "spring.flyway.locations=classpath:db/local-install");

    @Test
    void installsTheEmulationBeforeFlywayRunsLimitlessDdl() {
        runner.withPropertyValues("limitless.local.install=true", "limitless.local.shards=4").run(context -> {
            assertThat(context).hasNotFailed();
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            assertThat(jdbc.queryForObject("SELECT distribution_key FROM rds_aurora.limitless_tables WHERE table_name = 'notes'",
                    String.class)).isEqualTo("HASH (tenant_id)");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_inherits WHERE inhparent = 'notes'::regclass", Integer.class))
                    .isEqualTo(4);
        });
    }

    @Test
    void backsOffUnlessAskedFor() {
        runner.withPropertyValues("spring.flyway.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LocalEmulationAutoConfiguration.LocalEmulationInstaller.class));
    }

    @Test
    void embeddedDatabaseIsStartedOnlyWithoutADataSourceUrl() {
        StandardEnvironment withUrl = environment(Map.of("limitless.local.embedded-database", "true", "spring.datasource.url", "jdbc:postgresql://db/app"));
        processor().postProcessEnvironment(withUrl, new SpringApplication());
        assertThat(withUrl.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/app");

        StandardEnvironment off = environment(Map.of());
        processor().postProcessEnvironment(off, new SpringApplication());
        assertThat(off.getProperty("spring.datasource.url")).isNull();

        StandardEnvironment on = environment(Map.of("limitless.local.embedded-database", "true", "limitless.local.shards", "2",
                "spring.application.name", "starter-embedded"));
        processor().postProcessEnvironment(on, new SpringApplication());
        assertThat(on.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://").contains("/starter_embedded_");
    }

    private static EmbeddedDatabaseEnvironmentPostProcessor processor() {
        return new EmbeddedDatabaseEnvironmentPostProcessor(new DeferredLogs());
    }

    private static StandardEnvironment environment(Map<String, Object> values) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", values));
        return environment;
    }
}
