package dev.limitless.autoconfigure.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.local.LocalInstallRefusedException;
import dev.limitless.local.LocalLimitless;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

@LimitlessPostgres(shards = 0)
class LocalEmulationAutoConfigurationTest {

    private static final AtomicInteger FOREIGN = new AtomicInteger();

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
    void refusesADatabaseTheLibraryDidNotCreate() throws Exception {
        String foreign = foreignDatabase("foreign_app");
        try {
            runner.withPropertyValues("limitless.local.install=true", "spring.flyway.enabled=false",
                    "spring.datasource.url=" + database.server().jdbcUrl(foreign)).run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure()).rootCause()
                                .isInstanceOf(LocalInstallRefusedException.class)
                                .hasMessageContaining("was not created by limitless.local.embedded-database or the test support")
                                .hasMessageContaining("limitless.local.install-on-any-database=true");
                    });
            assertThat(emulationIn(foreign)).isFalse();
        } finally {
            database.server().dropDatabase(foreign);
        }
    }

    @Test
    void installsIntoAnyDatabaseOnlyWhenExplicitlyAllowed() throws Exception {
        String foreign = foreignDatabase("owned_ci");
        try {
            runner.withPropertyValues("limitless.local.install=true", "limitless.local.install-on-any-database=true",
                    "spring.flyway.enabled=false", "spring.datasource.url=" + database.server().jdbcUrl(foreign))
                    .run(context -> assertThat(context).hasNotFailed());
            assertThat(emulationIn(foreign)).isTrue();
        } finally {
            database.server().dropDatabase(foreign);
        }
    }

    @Test
    void refusesAServerThatReportsAuroraEvenWhenAnyDatabaseIsAllowed() throws Exception {
        String aurora = foreignDatabase("aurora_like");
        try {
            try (Connection connection = database.server().connect(aurora); Statement statement = connection.createStatement()) {
                statement.execute("CREATE FUNCTION public.aurora_version() RETURNS text LANGUAGE sql AS $$SELECT '16.6.3'$$");
            }
            runner.withPropertyValues("limitless.local.install=true", "limitless.local.install-on-any-database=true",
                    "spring.flyway.enabled=false", "spring.datasource.url=" + database.server().jdbcUrl(aurora))
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure()).rootCause()
                                .isInstanceOf(LocalInstallRefusedException.class)
                                .hasMessageContaining("reports Amazon Aurora or RDS");
                    });
            assertThat(emulationIn(aurora)).isFalse();
        } finally {
            database.server().dropDatabase(aurora);
        }
    }

    /** A database made by hand on the same server, as a compose file or another team would. */
    private static String foreignDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + FOREIGN.incrementAndGet();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private static boolean emulationIn(String databaseName) throws SQLException {
        try (Connection connection = database.server().connect(databaseName)) {
            return LocalLimitless.isInstalled(connection);
        }
    }

    @Test
    void withoutTheEmulationOnTheClassPathStartUpStopsNamingTheDependency() {
        runner.withClassLoader(new FilteredClassLoader(LocalLimitless.class))
                .withPropertyValues("limitless.local.install=true", "spring.flyway.enabled=false")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(LocalDependencyMissingException.class)
                            .hasMessageContaining("limitless.local.install=true needs dev.limitless:limitless-emulation");
                    FailureAnalysis analysis = new LocalDependencyFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("dev.limitless:limitless-emulation");
                    assertThat(analysis.getAction()).contains("Add the dependency dev.limitless:limitless-emulation")
                            .contains("limitless.local.install");
                });
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aRealStartUpWithoutTheEmulationPrintsTheFailureAnalysis(CapturedOutput output) {
        SpringApplication application = new SpringApplication(LocalInstallApplication.class);
        application.setResourceLoader(new DefaultResourceLoader(new FilteredClassLoader(LocalLimitless.class)));
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--limitless.local.install=true", "--spring.flyway.enabled=false",
                "--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username()))
                .hasRootCauseInstanceOf(LocalDependencyMissingException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("limitless.local.install=true needs dev.limitless:limitless-emulation")
                .contains("Add the dependency dev.limitless:limitless-emulation");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, LocalEmulationAutoConfiguration.class})
    static class LocalInstallApplication {
    }

    @Test
    void withoutTheEmulationAndWithoutTheFlagNothingIsNeeded() {
        runner.withClassLoader(new FilteredClassLoader(LocalLimitless.class))
                .withPropertyValues("spring.flyway.enabled=false")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(LocalEmulationAutoConfiguration.class));
    }

    @Test
    void withoutLimitlessTestNoDatabaseCountsAsTheLibrarysOwn() throws Exception {
        // a CI service with the emulation as a test dependency but not limitless-test: no database counts as the library's
        runner.withClassLoader(new FilteredClassLoader("dev.limitless.test"))
                .withPropertyValues("limitless.local.install=true", "spring.flyway.enabled=false")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(LocalInstallRefusedException.class)
                            .hasMessageContaining("limitless.local.install-on-any-database=true");
                });
    }

    @Test
    void backsOffUnlessAskedFor() {
        runner.withPropertyValues("spring.flyway.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LocalEmulationAutoConfiguration.LocalEmulationInstaller.class));
    }
}
