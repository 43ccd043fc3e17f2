package dev.limitless.autoconfigure.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

@LimitlessPostgres(shards = 4)
class CatalogAutoConfigurationTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CatalogAutoConfiguration.class));

    @Test
    void emptyCatalogWhenNothingIsConfigured() {
        runner.run(context -> assertThat(context.getBean(ShardCatalog.class).isEmpty()).isTrue());
    }

    @Test
    void scansAnnotatedEntitiesOfTheConfiguredPackages() {
        runner.withPropertyValues("limitless.catalog.entity-packages=dev.limitless.autoconfigure.catalog.entities")
                .run(context -> assertThat(context.getBean(ShardCatalog.class).find(TableName.of("public", "wallets")))
                        .hasValueSatisfying(table -> assertThat(table.shardKey()).containsExactly("wallet_id")));
    }

    @Test
    void readsTheCatalogFile() {
        runner.withPropertyValues("limitless.catalog.file=classpath:catalogs/ledger.yaml", "limitless.default-schema=public")
                .run(context -> {
                    ShardCatalog catalog = context.getBean(ShardCatalog.class);
                    assertThat(catalog.modeOf(TableName.of("public", "transactions"))).isEqualTo(TableMode.SHARDED);
                    assertThat(catalog.collocated(TableName.of("public", "accounts"), TableName.of("public", "transactions"))).isTrue();
                    assertThat(catalog.modeOf(TableName.of("public", "currencies"))).isEqualTo(TableMode.REFERENCE);
                });
    }

    @Test
    void brokenCatalogFileStopsStartUpWithFileLineAndFix() {
        runner.withPropertyValues("limitless.catalog.file=classpath:catalogs/broken.yaml").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            CatalogException cause = findCause(failure);
            assertThat(cause).hasMessage("broken.yaml:3: Unknown table mode 'shardd'; use sharded, reference or standard");
            FailureAnalysis analysis = new CatalogFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("broken.yaml:3");
            assertThat(analysis.getAction()).contains("limitless.catalog.file");
        });
    }

    @Test
    void liveCatalogAgreesWithTheFileOrStartUpNamesBothSources() {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        jdbc.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"account_id\"}';"
                + " CREATE TABLE accounts (account_id uuid PRIMARY KEY); COMMIT;"
                + " BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"owner_id\"}';"
                + " CREATE TABLE transactions (owner_id uuid PRIMARY KEY); COMMIT;");
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                        "limitless.catalog.live=true", "limitless.catalog.file=classpath:catalogs/ledger.yaml")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(findCause(context.getStartupFailure()).getMessage())
                            .contains("Table public.transactions is defined twice")
                            .contains("ledger.yaml:5")
                            .contains("live database (rds_aurora.limitless_tables)");
                });
    }

    private static CatalogException findCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CatalogException catalogException) {
                return catalogException;
            }
        }
        throw new AssertionError("no CatalogException in " + failure);
    }
}
