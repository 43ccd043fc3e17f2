package dev.limitless.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.catalog.LiveCatalog;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.AllowScatter;
import dev.limitless.guard.ScatterRefusedException;
import dev.limitless.guard.ShardScope;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.repository.Ledger.Transaction;
import dev.limitless.repository.Ledger.TransactionId;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.mapping.event.AfterConvertCallback;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code @AllowScatter} at start-up and at run time, behind a real {@link GuardedDataSource}. */
@LimitlessPostgres(shards = 16)
class AllowScatterTest {

    interface ReportingTransactions extends ShardedRepository<Transaction, TransactionId> {

        @AllowScatter(reason = "currency report, once a day")
        @Query("SELECT * FROM transactions WHERE currency = :currency")
        List<Transaction> everyAccountIn(String currency);

        @AllowScatter(reason = "dashboard total")
        long countByCurrency(String currency);

        @Query("SELECT * FROM transactions WHERE account_id = :accountId AND amount > :min")
        List<Transaction> large(UUID accountId, BigDecimal min);
    }

    @AllowScatter(reason = "back office, a few requests a day")
    interface BackOffice extends ListCrudRepository<Transaction, TransactionId> {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJdbcRepositories(considerNestedRepositories = true, basePackageClasses = AllowScatterTest.class,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                    classes = {ReportingTransactions.class, BackOffice.class}))
    static class Repositories {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        /** Runs, on the thread of a repository call, a scatter statement on another thread. */
        @Bean
        AfterConvertCallback<Transaction> otherThreadProbe() {
            return transaction -> {
                if (probeOtherThread) {
                    probeOtherThread = false;
                    otherThread.set(CompletableFuture.supplyAsync(() -> scatterThroughJdbcClient()).handle((ok, e) -> e).join());
                }
                return transaction;
            };
        }
    }

    @LimitlessPostgres.Inject
    static TestDatabase database;

    static AnnotationConfigApplicationContext context;
    static DataSource guarded;
    static volatile boolean probeOtherThread;
    static final AtomicReference<Throwable> otherThread = new AtomicReference<>();

    @BeforeAll
    static void start() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(Ledger.SCHEMA);
        }
        ShardCatalog catalog = LiveCatalog.load(database.dataSource(), "public");
        ShardScopeGuard guard = ShardScopeGuard.of(catalog);
        guarded = new GuardedDataSource(database.dataSource(), guard);
        context = new AnnotationConfigApplicationContext();
        context.registerBean(ShardCatalog.class, () -> catalog);
        context.registerBean(ShardScopeGuard.class, () -> guard);
        context.registerBean("dataSource", DataSource.class, () -> guarded);
        context.register(RepositoryContexts.JdbcInfrastructure.class, Repositories.class);
        context.refresh();
        ReportingTransactions transactions = context.getBean(ReportingTransactions.class);
        for (int i = 0; i < 3; i++) {
            transactions.save(new Transaction(new TransactionId(UUID.randomUUID(), UUID.randomUUID()), BigDecimal.ONE, "CHF",
                    Instant.now()));
        }
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    static Long scatterThroughJdbcClient() {
        return JdbcClient.create(guarded).sql("SELECT count(*) FROM transactions WHERE currency = ?").param("CHF")
                .query(Long.class).single();
    }

    @Test
    void allowScatterMethodsRunOnEveryShardAndAreCounted() {
        ReportingTransactions transactions = context.getBean(ReportingTransactions.class);
        double everyAccountInBefore = allowed("everyAccountIn");
        double countBefore = allowed("countByCurrency");

        assertThat(transactions.everyAccountIn("CHF")).hasSize(3);
        assertThat(transactions.countByCurrency("CHF")).isEqualTo(3);
        assertThat(transactions.everyAccountIn("CHF")).hasSize(3);

        assertThat(allowed("everyAccountIn") - everyAccountInBefore).isEqualTo(2);
        assertThat(allowed("countByCurrency") - countBefore).isEqualTo(1);
    }

    private static double allowed(String method) {
        return context.getBean(MeterRegistry.class).get("limitless.repository.scatter.allowed")
                .tag("repository", "ReportingTransactions").tag("method", method).counter().count();
    }

    @Test
    void theScatterScopeEndsWithTheInvocation() {
        context.getBean(ReportingTransactions.class).everyAccountIn("CHF");
        assertThat(ShardScope.scatterAllowed()).isFalse();
        assertThatThrownBy(AllowScatterTest::scatterThroughJdbcClient).hasRootCauseInstanceOf(ScatterRefusedException.class);
    }

    @Test
    void theScatterScopeIsOnlyForTheInvokingThread() {
        probeOtherThread = true;
        assertThat(context.getBean(ReportingTransactions.class).everyAccountIn("CHF")).hasSize(3);
        assertThat(otherThread.get()).hasRootCauseInstanceOf(ScatterRefusedException.class);
    }

    @Test
    void aRepositoryThatAllowsScatterKeepsItsInheritedScatterMethods() {
        BackOffice backOffice = context.getBean(BackOffice.class);
        assertThat(backOffice.count()).isGreaterThanOrEqualTo(3);
        assertThat(backOffice.findAll()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void declaredQueriesOnTheShardKeyPassTheGuard() {
        assertThat(context.getBean(ReportingTransactions.class).large(UUID.randomUUID(), BigDecimal.ZERO)).isEmpty();
    }
}
