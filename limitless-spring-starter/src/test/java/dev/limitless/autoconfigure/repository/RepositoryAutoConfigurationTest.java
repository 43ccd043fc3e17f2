package dev.limitless.autoconfigure.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.guard.AllowScatterAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.catalog.ShardedTable;
import dev.limitless.guard.AllowScatter;
import dev.limitless.repository.UnscopedRepositoryMethodsException;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

@LimitlessPostgres(shards = 4)
class RepositoryAutoConfigurationTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, DataJdbcRepositoriesAutoConfiguration.class,
                    AopAutoConfiguration.class, CatalogAutoConfiguration.class, GuardAutoConfiguration.class,
                    AllowScatterAutoConfiguration.class, RepositoryAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                    "limitless.catalog.entity-packages=dev.limitless.autoconfigure.repository");

    @BeforeAll
    static void schema() {
        new JdbcTemplate(database.dataSource()).execute("""
                BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                SET LOCAL rds_aurora.limitless_create_table_shard_key='{"wallet_id"}';
                CREATE TABLE wallets (wallet_id uuid PRIMARY KEY, owner text); COMMIT;
                """);
    }

    @Test
    void anUnscopedRepositoryMethodStopsStartUpWithTheListing() {
        runner.withUserConfiguration(UnscopedRepositories.class).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new UnscopedRepositoryMethodsFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("WalletRepository.findAll()").contains("WalletRepository.findByOwner(String)");
            assertThat(analysis.getAction()).contains("@AllowScatter(reason");
        });
    }

    @Test
    void backsOffForAPlainJdbcApplication() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                        CatalogAutoConfiguration.class, RepositoryAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                        "limitless.catalog.file=classpath:catalogs/ledger.yaml")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void allowScatterOnAServiceMethodLetsItsStatementsThroughForThatCallOnly() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcClientAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, AopAutoConfiguration.class, CatalogAutoConfiguration.class,
                        GuardAutoConfiguration.class, AllowScatterAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                        "limitless.catalog.entity-packages=dev.limitless.autoconfigure.repository")
                .withBean(WalletReport.class).run(context -> {
            assertThat(context).hasNotFailed();
            WalletReport report = context.getBean(WalletReport.class);
            assertThat(report.owners()).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(report::ownersWithoutOptIn)
                    .hasRootCauseInstanceOf(dev.limitless.guard.ScatterRefusedException.class);
        });
    }

    @Table("wallets")
    @ShardedTable(shardKey = "wallet_id")
    record Wallet(@Id UUID walletId, String owner) {
    }

    interface WalletRepository extends ListCrudRepository<Wallet, UUID> {
        List<Wallet> findByOwner(String owner);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJdbcRepositories(considerNestedRepositories = true, basePackageClasses = RepositoryAutoConfigurationTest.class,
            includeFilters = @org.springframework.context.annotation.ComponentScan.Filter(
                    type = org.springframework.context.annotation.FilterType.ASSIGNABLE_TYPE, classes = WalletRepository.class))
    static class UnscopedRepositories {
    }

    static class WalletReport {
        private final JdbcClient jdbc;

        WalletReport(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @AllowScatter(reason = "monthly owner report, run by operations")
        public List<String> owners() {
            return jdbc.sql("SELECT owner FROM wallets").query(String.class).list();
        }

        public List<String> ownersWithoutOptIn() {
            return jdbc.sql("SELECT owner FROM wallets").query(String.class).list();
        }
    }
}
