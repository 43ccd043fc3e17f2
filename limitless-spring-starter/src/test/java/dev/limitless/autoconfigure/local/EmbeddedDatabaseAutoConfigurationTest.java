package dev.limitless.autoconfigure.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.local.LocalLimitless;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import dev.limitless.test.boot.LimitlessDatabaseConnectionDetails;
import dev.limitless.test.boot.LimitlessTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code limitless.local.embedded-database=true}: one emulated database when the application has none, and none at all
 * when a test brings its own (by property, by connection-details bean, by {@link LimitlessTestDatabase}).
 */
@LimitlessPostgres(shards = 0)
class EmbeddedDatabaseAutoConfigurationTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddedDatabaseAutoConfiguration.class, DataSourceAutoConfiguration.class))
            .withPropertyValues("limitless.local.embedded-database=true", "limitless.local.shards=2");

    @Test
    void startsAnEmulatedDatabaseWhenTheApplicationHasNone() throws SQLException {
        runner.withPropertyValues("spring.application.name=embedded_alone").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(LimitlessDatabaseConnectionDetails.class);
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                assertThat(connection.getMetaData().getURL()).contains("/embedded_alone_");
                assertThat(LocalLimitless.isInstalled(connection)).isTrue();
                assertThat(PostgresServers.createdHere(connection.getMetaData().getURL())).isTrue();
            }
        });
        assertThat(databasesNamed("embedded_alone")).isOne();
    }

    @Test
    void startsNoSecondDatabaseWhenSpringDatasourceUrlIsSet() throws SQLException {
        runner.withPropertyValues("spring.application.name=embedded_by_url", "spring.datasource.url=" + database.jdbcUrl(),
                "spring.datasource.username=" + database.username(), "spring.datasource.password=" + database.password())
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(LimitlessDatabaseConnectionDetails.class);
                    assertConnectsToTheTestDatabase(context.getBean(DataSource.class));
                });
        assertThat(databasesNamed("embedded_by_url")).isZero();
    }

    @Test
    void startsNoSecondDatabaseWhenATestDeclaresConnectionDetails() throws SQLException {
        runner.withPropertyValues("spring.application.name=embedded_by_bean")
                .withBean(JdbcConnectionDetails.class, () -> new LimitlessDatabaseConnectionDetails(database))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JdbcConnectionDetails.class);
                    assertConnectsToTheTestDatabase(context.getBean(DataSource.class));
                });
        assertThat(databasesNamed("embedded_by_bean")).isZero();
    }

    @Test
    void limitlessTestDatabaseGivesOneEmulatedDatabaseAndDropsItWithTheContext() throws SQLException {
        runner.withPropertyValues("spring.application.name=embedded_imported")
                .withUserConfiguration(LimitlessTestDatabase.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JdbcConnectionDetails.class);
                    assertThat(databasesNamed("embedded_imported")).isOne();
                    try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                        assertThat(LocalLimitless.isInstalled(connection)).isTrue();
                    }
                });
        assertThat(databasesNamed("embedded_imported")).isZero();
    }

    @Test
    void saysWhatToAddWhenLimitlessTestIsMissing() throws SQLException {
        runner.withClassLoader(new FilteredClassLoader(PostgresServers.class))
                .withPropertyValues("spring.application.name=embedded_missing")
                .run(context -> {
                    assertThat(context).hasFailed().getFailure().rootCause()
                            .isInstanceOf(LocalDependencyMissingException.class)
                            .hasMessageContaining("limitless.local.embedded-database=true needs dev.limitless:limitless-test")
                            .hasMessageContaining("spring.datasource.url");
                    FailureAnalysis analysis = new LocalDependencyFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getAction()).contains("dev.limitless:limitless-test")
                            .contains("limitless.local.embedded-database");
                });
        assertThat(databasesNamed("embedded_missing")).isZero();
    }

    @Test
    void saysWhatToAddWhenTheEmulationIsMissing() {
        // limitless-test without the emulation it brings (a consumer that excluded it)
        runner.withClassLoader(new FilteredClassLoader(LocalLimitless.class))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(LocalDependencyMissingException.class)
                        .hasMessageContaining("dev.limitless:limitless-emulation"));
    }

    @Test
    void withoutTheLocalModulesAndWithoutTheFlagNothingIsNeeded() {
        runner.withClassLoader(new FilteredClassLoader("dev.limitless.test", "dev.limitless.local"))
                .withPropertyValues("limitless.local.embedded-database=false", "spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + database.username(), "spring.datasource.password=" + database.password())
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DataSource.class)
                        .doesNotHaveBean("limitlessEmbeddedDatabaseConnectionDetails")
                        .doesNotHaveBean("limitlessEmbeddedDatabaseNeedsTestSupport"));
    }

    @Test
    void backsOffUnlessAskedFor() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedDatabaseAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JdbcConnectionDetails.class));
    }

    private static void assertConnectsToTheTestDatabase(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_database()")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo(database.name());
        }
    }

    private static int databasesNamed(String prefix) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE '" + prefix + "\\_%'")) {
            row.next();
            return row.getInt(1);
        }
    }
}
