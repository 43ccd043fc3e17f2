package dev.limitless.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.catalog.LiveCatalog;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.repository.Ledger.Account;
import dev.limitless.repository.Ledger.Currency;
import dev.limitless.repository.Ledger.Note;
import dev.limitless.repository.Ledger.Transaction;
import dev.limitless.repository.Ledger.TransactionId;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.relational.core.mapping.event.BeforeConvertCallback;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@LimitlessPostgres(shards = 16)
class ShardedRepositoryTest {

    interface AccountRepository extends ShardedRepository<Account, UUID> {
        List<Account> findByAccountIdAndStatus(UUID accountId, String status);

        List<Account> findByAccountIdIn(List<UUID> accountIds);
    }

    interface TransactionRepository extends ShardedRepository<Transaction, TransactionId> {
        List<Transaction> findByIdAccountIdAndCurrencyOrderByCreatedAtDesc(UUID accountId, String currency);

        Slice<Transaction> findByIdAccountId(UUID accountId, org.springframework.data.domain.Pageable pageable);

        long countByIdAccountIdAndCurrency(UUID accountId, String currency);
    }

    interface CurrencyRepository extends ListCrudRepository<Currency, String> {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJdbcRepositories(considerNestedRepositories = true, basePackageClasses = ShardedRepositoryTest.class,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                    classes = {AccountRepository.class, TransactionRepository.class, CurrencyRepository.class}))
    static class Repositories {

        /** An application's own callback, which must keep working beside ours. */
        @Bean
        BeforeConvertCallback<Transaction> stampCreatedAt() {
            return transaction -> {
                if (transaction.createdAt == null) {
                    transaction.createdAt = STAMP;
                }
                return transaction;
            };
        }
    }

    static final Instant STAMP = Instant.parse("2026-06-01T00:00:00Z");

    @LimitlessPostgres.Inject
    static TestDatabase database;

    static ShardTouchRecorder recorder;
    static AnnotationConfigApplicationContext context;
    static AccountRepository accounts;
    static TransactionRepository transactions;
    static CurrencyRepository currencies;

    @BeforeAll
    static void start() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(Ledger.SCHEMA);
        }
        recorder = new ShardTouchRecorder(database.dataSource());
        // every statement passes the guard first, as in an application: none of them may be refused
        ShardScopeGuard guard = ShardScopeGuard.of(LiveCatalog.load(database.dataSource(), "public"));
        context = RepositoryContexts.start(new GuardedDataSource(recorder.dataSource(), guard), Repositories.class);
        accounts = context.getBean(AccountRepository.class);
        transactions = context.getBean(TransactionRepository.class);
        currencies = context.getBean(CurrencyRepository.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void forget() {
        recorder.clear();
    }

    @Test
    void everyStatementOfShardedCrudTouchesOneShard() {
        Account account = new Account(UUID.randomUUID(), "ada", "open");
        account.notes.add(new Note("first"));
        account.notes.add(new Note("second"));
        accounts.save(account);
        account.status = "closed";
        accounts.save(account);
        assertThat(accounts.findById(account.accountId)).get().satisfies(found -> assertThat(found.notes).hasSize(2));
        assertThat(accounts.existsById(account.accountId)).isTrue();
        assertThat(accounts.findByAccountIdAndStatus(account.accountId, "closed")).hasSize(1);
        accounts.deleteById(account.accountId);

        assertThat(recorder.executed()).isNotEmpty().allSatisfy(executed ->
                assertThat(executed.touch().maxShardsPerTable()).as(executed.sql()).isEqualTo(1));
        assertThat(recorder.executed()).anySatisfy(executed -> assertThat(executed.sql()).contains("account_notes"));
    }

    @Test
    void updatesOfCompositeIdsDoNotAssignTheShardKey() {
        Transaction transaction = transactions.save(transaction(UUID.randomUUID(), "EUR", Instant.now()));
        transaction.currency = "USD";
        recorder.clear();
        transactions.save(transaction);
        assertThat(recorder.executed()).singleElement().satisfies(update -> {
            assertThat(update.sql()).startsWith("UPDATE").doesNotContain("SET account_id").doesNotContain(", account_id =");
            assertThat(update.touch().singleShard()).isTrue();
        });
        assertThat(transactions.findById(transaction.id)).get().satisfies(found -> assertThat(found.currency).isEqualTo("USD"));
    }

    @Test
    void compositeIdWithShardKeyStaysInOneShard() {
        UUID accountId = UUID.randomUUID();
        Transaction transaction = transaction(accountId, "EUR", Instant.parse("2026-01-01T00:00:00Z"));
        transactions.save(transaction);
        transaction.amount = BigDecimal.TEN;
        transactions.save(transaction);
        assertThat(transactions.findById(transaction.id)).get().satisfies(found -> assertThat(found.amount).isEqualByComparingTo("10"));
        assertThat(transactions.findByIdAccountIdAndCurrencyOrderByCreatedAtDesc(accountId, "EUR")).hasSize(1);
        assertThat(transactions.countByIdAccountIdAndCurrency(accountId, "EUR")).isEqualTo(1);
        transactions.delete(transaction);
        assertThat(transactions.existsById(transaction.id)).isFalse();

        assertThat(recorder.executed()).isNotEmpty().allSatisfy(executed ->
                assertThat(executed.touch().maxShardsPerTable()).as(executed.sql()).isEqualTo(1));
    }

    @Test
    void pagesAndSlicesOfOneShardKeyAreOrderedByTimestampAndStayInOneShard() {
        UUID accountId = UUID.randomUUID();
        List<Transaction> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(transaction(accountId, "EUR", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }
        transactions.saveAll(batch);

        PageRequest newestFirst = PageRequest.of(0, 2, Sort.by(Sort.Direction.DESC, "createdAt"));
        Page<Transaction> page = transactions.findAllByShardKey(accountId, newestFirst);
        assertThat(page.getTotalElements()).isEqualTo(5);
        assertThat(page.getContent()).extracting(t -> t.createdAt).containsExactly(batch.get(4).createdAt, batch.get(3).createdAt);
        Slice<Transaction> last = transactions.findSliceByShardKey(accountId, PageRequest.of(2, 2, Sort.by(Sort.Direction.DESC, "createdAt")));
        assertThat(last.hasNext()).isFalse();
        assertThat(last.getContent()).extracting(t -> t.createdAt).containsExactly(batch.get(0).createdAt);
        assertThat(transactions.findSliceByShardKey(accountId, newestFirst).hasNext()).isTrue();
        assertThat(transactions.findByIdAccountId(accountId, newestFirst).getContent()).hasSize(2);
        assertThat(transactions.countByShardKey(accountId)).isEqualTo(5);

        assertThat(recorder.executed()).hasSizeGreaterThan(5).allSatisfy(executed ->
                assertThat(executed.touch().maxShardsPerTable()).as(executed.sql()).isEqualTo(1));
    }

    @Test
    void applicationCallbacksRunBesideTheShardKeyRules() {
        Transaction transaction = transactions.save(transaction(UUID.randomUUID(), "EUR", null));
        assertThat(transactions.findById(transaction.id)).get().satisfies(found -> assertThat(found.createdAt).isEqualTo(STAMP));
    }

    @Test
    void refusesPagingWithoutAnOrder() {
        assertThatThrownBy(() -> transactions.findAllByShardKey(UUID.randomUUID(), PageRequest.of(0, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs an order")
                .hasMessageContaining("timestamp");
    }

    @Test
    void inListOnTheShardKeyTouchesOnlyTheShardsOfItsValues() {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
        ids.forEach(id -> accounts.save(new Account(id, "x", "open")));
        // the two random keys may hash to one shard (1 time in 16): the expectation is the shards they live on
        java.util.Set<Integer> shardsOfTheKeys = new java.util.HashSet<>();
        for (UUID id : ids) {
            recorder.clear();
            accounts.findById(id);
            recorder.executed().stream().filter(ShardTouchRecorder.Executed::isSelect)
                    .map(executed -> executed.touch().shardsByTable().get("public.accounts"))
                    .filter(java.util.Objects::nonNull).forEach(shardsOfTheKeys::addAll);
        }
        assertThat(shardsOfTheKeys).hasSizeBetween(1, 2);
        recorder.clear();
        assertThat(accounts.findByAccountIdIn(ids)).hasSize(2);
        assertThat(recorder.executed()).filteredOn(ShardTouchRecorder.Executed::isSelect)
                .allSatisfy(executed -> assertThat(executed.touch().maxShardsPerTable()).as(executed.sql()).isBetween(1, 2))
                .anySatisfy(executed -> assertThat(executed.touch().shardsByTable().get("public.accounts"))
                        .isEqualTo(shardsOfTheKeys));
    }

    @Test
    void refusesToSaveANullShardKeyBeforeAnySql() {
        Transaction transaction = transaction(null, "EUR", Instant.now());
        assertThatThrownBy(() -> transactions.save(transaction))
                .isInstanceOf(NullShardKeyException.class)
                .hasMessageContaining("account_id")
                .hasMessageContaining("public.transactions")
                .hasMessageContaining("No SQL was sent");
        assertThat(recorder.executed()).isEmpty();
    }

    @Test
    void refusesToChangeTheShardKeyOfAPersistedEntity() {
        Account account = accounts.save(new Account(UUID.randomUUID(), "ada", "open"));
        Account loaded = accounts.findById(account.accountId).orElseThrow();
        loaded.accountId = UUID.randomUUID();
        recorder.clear();
        assertThatThrownBy(() -> accounts.save(loaded))
                .isInstanceOf(ShardKeyChangeException.class)
                .hasMessageContaining("account_id")
                .hasMessageContaining("Delete the entity and save a new one");
        assertThat(recorder.executed()).isEmpty();
    }

    @Test
    void optimisticLockingRefusesAStaleVersion() {
        Account account = accounts.save(new Account(UUID.randomUUID(), "ada", "open"));
        Account first = accounts.findById(account.accountId).orElseThrow();
        Account second = accounts.findById(account.accountId).orElseThrow();
        first.status = "frozen";
        accounts.save(first);
        second.status = "closed";
        assertThatThrownBy(() -> accounts.save(second)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(accounts.findById(account.accountId)).get().satisfies(found -> assertThat(found.status).isEqualTo("frozen"));
    }

    @Test
    void repositoriesAndJdbcClientShareSpringTransactions() {
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
        UUID accountId = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            accounts.save(new Account(accountId, "ada", "open"));
            assertThat(jdbc.sql("SELECT owner FROM accounts WHERE account_id = ?").param(accountId).query(String.class).single())
                    .isEqualTo("ada");
            status.setRollbackOnly();
        });
        assertThat(accounts.existsById(accountId)).isFalse();
    }

    @Test
    void referenceEntitiesAreNotRestricted() {
        currencies.save(new Currency("EUR", "Euro", null));
        assertThat(currencies.findAll()).extracting(Currency::code).contains("EUR");
        assertThat(currencies.count()).isPositive();
    }

    private static Transaction transaction(UUID accountId, String currency, Instant createdAt) {
        return new Transaction(new TransactionId(accountId, UUID.randomUUID()), BigDecimal.ONE, currency, createdAt);
    }
}
