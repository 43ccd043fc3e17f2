package dev.limitless.autoconfigure.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.guard.AllowScatterAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.autoconfigure.jpa.ledger.Account;
import dev.limitless.autoconfigure.jpa.ledger.Hold;
import dev.limitless.autoconfigure.jpa.ledger.HoldRepository;
import dev.limitless.autoconfigure.jpa.ledger.Statement;
import dev.limitless.autoconfigure.jpa.ledger.StatementRepository;
import dev.limitless.autoconfigure.jpa.ledger.AccountRepository;
import dev.limitless.autoconfigure.jpa.ledger.Transfer;
import dev.limitless.autoconfigure.jpa.ledger.TransferRepository;
import dev.limitless.autoconfigure.jpa.mapping.Order;
import dev.limitless.autoconfigure.jpa.unscoped.WalletRepository;
import dev.limitless.guard.ScatterRefusedException;
import dev.limitless.jpa.LimitlessMappingException;
import dev.limitless.repository.ShardKeyChangeException;
import dev.limitless.repository.UnscopedRepositoryMethodsException;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Spring Data JPA applications through the auto-configured starter, on the local Limitless emulation (4 shards). */
@LimitlessPostgres(shards = 4)
// the starter's pom runs this class in its jpa-tests execution; the default one has no Spring Data JPA on the class path
@org.junit.jupiter.api.condition.EnabledIf("jpaOnClassPath")
class JpaAutoConfigurationTest {

    static boolean jpaOnClassPath() {
        return org.springframework.util.ClassUtils.isPresent("org.springframework.data.jpa.repository.JpaRepository", null);
    }

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private ApplicationContextRunner runner(String entityPackage) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                        HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class,
                        DataJpaRepositoriesAutoConfiguration.class, AopAutoConfiguration.class, CatalogAutoConfiguration.class,
                        GuardAutoConfiguration.class, AllowScatterAutoConfiguration.class, JpaAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                        "spring.jpa.hibernate.ddl-auto=none", "spring.jpa.properties.hibernate.jdbc.batch_size=20",
                        "spring.jpa.properties.hibernate.order_inserts=true",
                        "limitless.catalog.entity-packages=dev.limitless.autoconfigure.jpa." + entityPackage);
    }

    @BeforeAll
    static void schema() {
        new JdbcTemplate(database.dataSource()).execute("""
                BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                CREATE TABLE accounts (account_id uuid PRIMARY KEY, owner text); COMMIT;
                BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                SET LOCAL rds_aurora.limitless_create_table_collocate_with='accounts';
                CREATE TABLE transfers (id bigint, account_id uuid NOT NULL, memo text, amount_cents bigint NOT NULL,
                    PRIMARY KEY (account_id, id)); COMMIT;
                CREATE SEQUENCE transfer_ids INCREMENT BY 50;
                BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                SET LOCAL rds_aurora.limitless_create_table_collocate_with='accounts';
                CREATE TABLE statements (account_id uuid, month text, closing_cents bigint NOT NULL,
                    PRIMARY KEY (account_id, month));
                CREATE TABLE holds (account_id uuid, hold_id uuid, amount_cents bigint NOT NULL, version bigint,
                    PRIMARY KEY (account_id, hold_id)); COMMIT;
                BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                SET LOCAL rds_aurora.limitless_create_table_shard_key='{"wallet_id"}';
                CREATE TABLE jpa_wallets (wallet_id uuid PRIMARY KEY, owner text); COMMIT;
                """);
    }

    @Test
    void anUnscopedDerivedQueryStopsStartUpNamingTheRepositoryAndMethod() {
        runner("unscoped").withUserConfiguration(UnscopedApplication.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .isInstanceOf(UnscopedRepositoryMethodsException.class);
            // the description of the failure analysis is the exception's message (as for Spring Data JDBC repositories)
            String report = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()).getMessage();
            assertThat(report)
                    .contains("WalletRepository.findByOwner(String): derived query is")
                    .contains("WalletRepository.findByWalletIdOrOwner(UUID, String)")
                    .contains("WalletRepository.byOwner(String): @Query is")
                    .contains("WalletRepository.byPrefix(String): native @Query is")
                    .contains("WalletRepository.page(UUID, Pageable): count query of @Query is")
                    .contains("WalletRepository.findAll()").contains("WalletRepository.count()")
                    .contains("WalletRepository.deleteAll()")
                    .contains("fix: add the shard key to every Or-branch of the method name, e.g. findByWalletIdAnd")
                    .doesNotContain("WalletRepository.findByWalletId(UUID)").doesNotContain("WalletRepository.export()")
                    .doesNotContain("WalletRepository.findById(").doesNotContain("WalletRepository.save(")
                    .contains("opt in with @AllowScatter(reason");
            // Spring Boot's failure analysis (the analyzers registered in spring.factories) prints the same report
            FailureAnalysis analysis = registeredAnalysis(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo(report);
            assertThat(analysis.getAction()).contains("@AllowScatter(reason = \"...\")");
        });
    }

    @Test
    void aScopedApplicationStartsAndItsRepositoriesRunOnTheEmulation() {
        runner("ledger").withUserConfiguration(LedgerApplication.class).run(context -> {
            assertThat(context).hasNotFailed();
            AccountRepository accounts = context.getBean(AccountRepository.class);
            TransferRepository transfers = context.getBean(TransferRepository.class);
            UUID alice = UUID.randomUUID();
            UUID bob = UUID.randomUUID();
            accounts.save(new Account(alice, "alice"));
            accounts.save(new Account(bob, "bob"));
            assertThat(accounts.findById(alice)).map(Account::getOwner).hasValue("alice");
            assertThat(accounts.byKey(bob)).map(Account::getOwner).hasValue("bob");
            assertThat(accounts.count()).isGreaterThanOrEqualTo(2); // @AllowScatter: allowed through the guard

            // batch inserts (hibernate.jdbc.batch_size=20): each row is its own single-row INSERT with its own key
            List<Transfer> batch = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                batch.add(new Transfer(i % 2 == 0 ? alice : bob, "t" + i, 100 * i));
            }
            transfers.saveAll(batch);
            assertThat(transfers.countByAccountId(alice)).isEqualTo(15);
            assertThat(transfers.findByAccountId(bob)).hasSize(15).allMatch(t -> t.getAccountId().equals(bob));
            assertThat(transfers.findByAccountIdIn(Set.of(alice, bob))).hasSize(30);
            assertThat(transfers.large(alice, 2000)).allMatch(t -> t.getAmountCents() > 2000).isNotEmpty();
            Transfer first = batch.get(0);
            assertThat(transfers.findByAccountIdAndId(alice, first.getId())).isPresent();

            TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
            Integer relabelled = transaction.execute(status -> transfers.relabel(bob, "relabelled"));
            assertThat(relabelled).isEqualTo(15);
            // an UPDATE of a managed entity: @PartitionKey puts account_id next to the id, so the guard lets it through
            transaction.executeWithoutResult(status -> transfers.findByAccountIdAndId(alice, first.getId()).orElseThrow()
                    .setMemo("renamed"));
            assertThat(transfers.findByAccountIdAndId(alice, first.getId())).map(Transfer::getMemo).hasValue("renamed");

            // the guarded DataSource still refuses what Hibernate would scatter at run time
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThatThrownBy(() -> jdbc.queryForList("select memo from transfers where memo = 'renamed'"))
                    .hasRootCauseInstanceOf(ScatterRefusedException.class);
        });
    }

    @Test
    void compositeIdsNamedQueriesAndCollocatedAssociationsStayInOneShard() {
        runner("ledger").withUserConfiguration(LedgerApplication.class).run(context -> {
            assertThat(context).hasNotFailed();
            UUID dave = UUID.randomUUID();
            context.getBean(AccountRepository.class).save(new Account(dave, "dave"));
            StatementRepository statements = context.getBean(StatementRepository.class);
            statements.save(new Statement(dave, "2026-10", 100));
            statements.save(new Statement(dave, "2026-11", 200));
            assertThat(statements.findById(new Statement.Key(dave, "2026-11"))).isPresent();
            assertThat(statements.forAccount(dave)).extracting(Statement::getMonth).containsExactly("2026-10", "2026-11");
            assertThat(statements.findByAccountIdAndMonthIn(dave, List.of("2026-10"))).hasSize(1);
            // the lazy association loads the account by its id, which is the shard key
            String owner = context.getBean(TransactionTemplate.class).execute(status ->
                    statements.findById(new Statement.Key(dave, "2026-10")).orElseThrow().getAccount().getOwner());
            assertThat(owner).isEqualTo("dave");

            HoldRepository holds = context.getBean(HoldRepository.class);
            Hold.HoldId id = new Hold.HoldId(dave, UUID.randomUUID());
            holds.save(new Hold(id, 500));
            assertThat(holds.findByIdAccountId(dave)).extracting(Hold::getId).containsExactly(id);
            assertThat(holds.existsById(id)).isTrue();
        });
    }

    @Test
    void aShardKeyChangeOfAManagedEntityIsRefusedBeforeTheUpdate() {
        runner("ledger").withUserConfiguration(LedgerApplication.class).run(context -> {
            TransferRepository transfers = context.getBean(TransferRepository.class);
            UUID carol = UUID.randomUUID();
            Transfer saved = transfers.save(new Transfer(carol, "rent", 90000));
            TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> transfers.findByAccountIdAndId(carol, saved.getId())
                    .orElseThrow().moveTo(UUID.randomUUID())))
                    .hasRootCauseInstanceOf(ShardKeyChangeException.class)
                    .rootCause().hasMessageContaining("Transfer.accountId holds shard-key column account_id of public.transfers");
            assertThat(transfers.findByAccountId(carol)).singleElement().extracting(Transfer::getAccountId).isEqualTo(carol);
        });
    }

    @Test
    void identityGenerationAMissingPartitionKeyAndAnAssociationWithoutTheShardKeyStopStartUp() {
        runner("mapping").withUserConfiguration(MappingApplication.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(LimitlessMappingException.class);
            FailureAnalysis analysis = registeredAnalysis(context.getStartupFailure());
            assertThat(analysis.getAction()).contains("docs/jpa.md");
            assertThat(analysis.getDescription())
                    .contains("Order.id: @GeneratedValue(strategy = IDENTITY)")
                    .contains("Order.customerId: shard-key column customer_id is neither part of the id nor a @PartitionKey")
                    .contains("OrderLine.order: loads Order (sharded public.mapping_orders) by [id]")
                    .contains("Order.lines: loads OrderLine (sharded public.mapping_order_lines) by [order_id]")
                    .contains("OrderLine.customerId: Hibernate's UPDATE of public.mapping_order_lines assigns every column")
                    .contains("@DynamicUpdate");
        });
    }

    @Test
    void limitlessDdlCreateIsRefusedForJpaEntities() {
        runner("ledger").withConfiguration(AutoConfigurations.of(dev.limitless.autoconfigure.ddl.DdlAutoConfiguration.class))
                .withUserConfiguration(LedgerApplication.class).withPropertyValues("limitless.ddl.mode=create").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(dev.limitless.catalog.CatalogException.class)
                            .rootCause().hasMessageContaining("limitless.ddl.mode=create generates tables by Spring Data JDBC's")
                            .hasMessageContaining(Transfer.class.getName());
                });
    }

    @Test
    void hibernateSchemaExportIsRefusedBeforeItRuns() {
        runner("ledger").withUserConfiguration(LedgerApplication.class)
                .withPropertyValues("spring.jpa.hibernate.ddl-auto=create").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(LimitlessMappingException.class)
                            .rootCause().hasMessageContaining("hibernate.hbm2ddl.auto=create")
                            .hasMessageContaining("LimitlessDdl");
                    // nothing was dropped or created: the rows of the other tests are still there
                    assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                            "select count(*) from information_schema.tables where table_name = 'transfers'", Integer.class))
                            .isEqualTo(1);
                });
    }

    private static FailureAnalysis registeredAnalysis(Throwable failure) {
        for (org.springframework.boot.diagnostics.FailureAnalyzer analyzer : org.springframework.core.io.support.SpringFactoriesLoader
                .forDefaultResourceLocation(JpaAutoConfigurationTest.class.getClassLoader())
                .load(org.springframework.boot.diagnostics.FailureAnalyzer.class, null, (type, implementation, cause) -> { })) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        throw new AssertionError("no registered failure analyzer explains " + failure);
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Account.class)
    @EnableJpaRepositories(basePackageClasses = AccountRepository.class)
    static class LedgerApplication {
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = WalletRepository.class)
    @EnableJpaRepositories(basePackageClasses = WalletRepository.class)
    static class UnscopedApplication {
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Order.class)
    @EnableJpaRepositories(basePackageClasses = Order.class)
    static class MappingApplication {
    }
}
