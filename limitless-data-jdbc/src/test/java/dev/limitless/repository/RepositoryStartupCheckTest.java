package dev.limitless.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.limitless.catalog.ShardedTable;
import dev.limitless.guard.AllowScatter;
import dev.limitless.repository.Ledger.Account;
import dev.limitless.repository.Ledger.Transaction;
import dev.limitless.repository.Ledger.TransactionId;
import dev.limitless.repository.UnscopedRepositoryMethodsException.UnscopedMethod;
import dev.limitless.test.LimitlessPostgres;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

@LimitlessPostgres(shards = 4)
class RepositoryStartupCheckTest {

    interface ScatteringTransactions extends ListCrudRepository<Transaction, TransactionId>,
            ListPagingAndSortingRepository<Transaction, TransactionId> {
    }

    interface UnscopedQueries extends ShardedRepository<Transaction, TransactionId> {
        List<Transaction> findByCurrency(String currency);

        List<Transaction> findByIdAccountIdOrCurrency(UUID accountId, String currency);

        List<Transaction> findByIdAccountIdGreaterThan(UUID accountId);

        List<Transaction> findByIdAccountIdAndCurrency(UUID accountId, String currency);

        List<Transaction> findByIdAccountIdIn(List<UUID> accountIds);

        @Query("SELECT * FROM transactions WHERE currency = :currency")
        List<Transaction> byCurrency(String currency);

        @Query("SELECT * FROM transactions WHERE account_id = :accountId AND currency = :currency")
        List<Transaction> byAccountAndCurrency(UUID accountId, String currency);

        @AllowScatter(reason = "nightly report")
        List<Transaction> findByAmountGreaterThan(java.math.BigDecimal amount);
    }

    interface AccountsByOwner extends ShardedRepository<Account, UUID> {
        List<Account> findByOwner(String owner);
    }

    @Table("notes_by_id")
    @ShardedTable(shardKey = "account_id")
    record NoteById(@Id Long id, UUID accountId, String text) {
    }

    interface NotesById extends ShardedRepository<NoteById, Long> {
    }

    @Table("unversioned")
    @ShardedTable(shardKey = "account_id")
    record Unversioned(@Id UUID accountId, String text) {
    }

    interface UnversionedRepository extends ShardedRepository<Unversioned, UUID> {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJdbcRepositories(considerNestedRepositories = true, basePackageClasses = RepositoryStartupCheckTest.class,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = {ScatteringTransactions.class,
                    UnscopedQueries.class, AccountsByOwner.class, NotesById.class, UnversionedRepository.class}))
    static class UnscopedRepositories {
    }

    @Test
    void unscopedMethodsOfAllRepositoriesStopTheContextWithOneListing(DataSource dataSource) {
        Throwable failure = catchThrowable(() -> RepositoryContexts.start(dataSource, UnscopedRepositories.class).close());

        assertThat(failure).isInstanceOf(UnscopedRepositoryMethodsException.class);
        List<UnscopedMethod> methods = ((UnscopedRepositoryMethodsException) failure).methods();
        assertThat(methods).extracting(UnscopedMethod::method).contains(
                "RepositoryStartupCheckTest.ScatteringTransactions.findAll()",
                "RepositoryStartupCheckTest.ScatteringTransactions.findAll(Sort)",
                "RepositoryStartupCheckTest.ScatteringTransactions.findAll(Pageable)",
                "RepositoryStartupCheckTest.ScatteringTransactions.count()",
                "RepositoryStartupCheckTest.ScatteringTransactions.deleteAll()",
                "RepositoryStartupCheckTest.UnscopedQueries.findByCurrency(String)",
                "RepositoryStartupCheckTest.UnscopedQueries.findByIdAccountIdOrCurrency(UUID, String)",
                "RepositoryStartupCheckTest.UnscopedQueries.findByIdAccountIdGreaterThan(UUID)",
                "RepositoryStartupCheckTest.UnscopedQueries.byCurrency(String)",
                "RepositoryStartupCheckTest.AccountsByOwner.findByOwner(String)",
                "RepositoryStartupCheckTest.NotesById.findById(ID)",
                "RepositoryStartupCheckTest.NotesById.save(S)",
                "RepositoryStartupCheckTest.UnversionedRepository.save(S)");
        assertThat(methods).extracting(UnscopedMethod::method).noneMatch(method ->
                method.contains("findByIdAccountIdAndCurrency") || method.contains("findByIdAccountIdIn")
                        || method.contains("byAccountAndCurrency") || method.contains("findByAmountGreaterThan")
                        || method.contains("ScatteringTransactions.findById(") || method.contains("ScatteringTransactions.save("));
        assertThat(failure.getMessage())
                .contains("would not stay inside one shard")
                .contains("condition (currency =) does not constrain shard key account_id of public.transactions")
                .contains("fix: add the shard key to every Or-branch, e.g. findByIdAccountIdAnd")
                .contains("inherited findAll reads or writes every shard of public.transactions")
                .contains("@AllowScatter(reason = \"...\")")
                .contains("the id of NoteById does not contain shard key account_id")
                .contains("add a @Version Long version property")
                .contains("@Query is SCATTER for the guard");
    }
}
