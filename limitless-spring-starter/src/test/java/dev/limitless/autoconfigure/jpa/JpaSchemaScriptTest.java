package dev.limitless.autoconfigure.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.autoconfigure.jpa.ledger.Account;
import dev.limitless.autoconfigure.jpa.ledger.AccountRepository;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.ddl.LimitlessDdl;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hibernate's schema script (written to a file, never run against the database) translated by {@code LimitlessDdl}
 * with the entities' catalog, then run on a fresh emulated database: the tables come out sharded and collocated.
 */
@LimitlessPostgres(shards = 4)
// the starter's pom runs this class in its jpa-tests execution; the default one has no Spring Data JPA on the class path
@org.junit.jupiter.api.condition.EnabledIf("jpaOnClassPath")
class JpaSchemaScriptTest {

    static boolean jpaOnClassPath() {
        return org.springframework.util.ClassUtils.isPresent("org.springframework.data.jpa.repository.JpaRepository", null);
    }

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void hibernatesScriptTranslatedByLimitlessDdlCreatesTheShardedTables(@TempDir Path directory) throws Exception {
        Path script = directory.resolve("hibernate-create.sql");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                        TransactionAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class,
                        CatalogAutoConfiguration.class, GuardAutoConfiguration.class, JpaAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                        "spring.jpa.hibernate.ddl-auto=none",
                        "spring.jpa.properties.jakarta.persistence.schema-generation.scripts.action=create",
                        "spring.jpa.properties.jakarta.persistence.schema-generation.scripts.create-target=" + script,
                        "limitless.catalog.entity-packages=dev.limitless.autoconfigure.jpa.ledger")
                .withUserConfiguration(Ledger.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    // tag::translate[]
                    ShardCatalog catalog = context.getBean(ShardCatalog.class);
                    LimitlessDdl.Translation translation = LimitlessDdl.translate(Files.readString(script),
                            "hibernate-create.sql", catalog, LimitlessDdl.Style.TRANSACTION_BLOCKS);
                    // end::translate[]
                    // Hibernate puts a @PartitionKey column into the primary key: (id, account_id) is a Limitless key
                    assertThat(Files.readString(script)).containsIgnoringCase("primary key (id, account_id)");
                    assertThat(translation.hasErrors()).as(translation.violations().toString()).isFalse();
                    assertThat(translation.script()).contains("rds_aurora.limitless_create_table_collocate_with");
                    JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
                    jdbc.execute(translation.scriptOrThrow());
                    List<String> tables = jdbc.queryForList("SELECT table_name || ':' || table_type || ':' || distribution_key"
                            + " FROM rds_aurora.limitless_tables WHERE schema_name = 'public' ORDER BY 1", String.class);
                    assertThat(tables).contains("accounts:sharded:HASH (account_id)", "transfers:sharded:HASH (account_id)",
                            "holds:sharded:HASH (account_id)", "statements:sharded:HASH (account_id)");
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Account.class)
    @EnableJpaRepositories(basePackageClasses = AccountRepository.class)
    static class Ledger {
    }
}
