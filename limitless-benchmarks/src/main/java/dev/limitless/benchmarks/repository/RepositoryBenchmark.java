package dev.limitless.benchmarks.repository;

import dev.limitless.catalog.ShardedTable;
import dev.limitless.repository.LimitlessRepositoryConfiguration;
import dev.limitless.repository.ShardedRepository;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.relational.core.mapping.event.AfterConvertCallback;
import org.springframework.data.relational.core.mapping.event.AfterSaveCallback;
import org.springframework.data.relational.core.mapping.event.BeforeConvertCallback;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.repository.CrudRepository;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Find-by-key and insert of one sharded entity, three ways on one database in one run: through a
 * {@link ShardedRepository} with {@link LimitlessRepositoryConfiguration}, through a plain Spring Data JDBC
 * {@link CrudRepository} without it, and with hand-written {@link JdbcClient} SQL. The difference between the first
 * two is what the repository layer of this project costs; the callback benchmarks measure that cost alone, without
 * the database round trips whose noise hides it on a shared machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RepositoryBenchmark {

    @Table("bench_accounts")
    @ShardedTable(shardKey = "account_id")
    public static class BenchAccount {
        @Id
        UUID accountId;
        String owner;
        long balance;
        @Version
        Long version;

        public BenchAccount(UUID accountId, String owner, long balance) {
            this.accountId = accountId;
            this.owner = owner;
            this.balance = balance;
        }
    }

    public interface ShardedAccounts extends ShardedRepository<BenchAccount, UUID> {
    }

    public interface PlainAccounts extends CrudRepository<BenchAccount, UUID> {
    }

    @Configuration(proxyBeanMethods = false)
    static class Jdbc extends AbstractJdbcConfiguration {
        @Bean
        NamedParameterJdbcOperations namedParameterJdbcOperations(DataSource dataSource) {
            return new NamedParameterJdbcTemplate(dataSource);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(LimitlessRepositoryConfiguration.class)
    @EnableJdbcRepositories(considerNestedRepositories = true, basePackageClasses = RepositoryBenchmark.class,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ShardedAccounts.class))
    static class Limitless {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJdbcRepositories(considerNestedRepositories = true, basePackageClasses = RepositoryBenchmark.class,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = PlainAccounts.class))
    static class Plain {
    }

    private TestDatabase database;
    private AnnotationConfigApplicationContext limitlessContext;
    private AnnotationConfigApplicationContext plainContext;
    private ShardedAccounts sharded;
    private PlainAccounts plain;
    private JdbcClient jdbcClient;
    private UUID existing;
    private BenchAccount loaded;
    private EntityCallbacks limitlessCallbacks;
    private EntityCallbacks plainCallbacks;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        database = PostgresServers.shared().createDatabase("bench", 16);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE bench_accounts (account_id uuid PRIMARY KEY, owner text NOT NULL, balance bigint NOT NULL,
                                                 version bigint NOT NULL);
                    COMMIT;
                    """);
        }
        limitlessContext = context(database.newPool(4), Limitless.class);
        plainContext = context(database.newPool(4), Plain.class);
        sharded = limitlessContext.getBean(ShardedAccounts.class);
        plain = plainContext.getBean(PlainAccounts.class);
        jdbcClient = JdbcClient.create(database.newPool(4));
        existing = UUID.randomUUID();
        sharded.save(new BenchAccount(existing, "bench", 100));
        loaded = new BenchAccount(existing, "bench", 100);
        loaded.version = 1L;
        limitlessCallbacks = EntityCallbacks.create(limitlessContext);
        plainCallbacks = EntityCallbacks.create(plainContext);
    }

    private static AnnotationConfigApplicationContext context(DataSource dataSource, Class<?> repositories) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean("dataSource", DataSource.class, () -> dataSource);
        context.register(Jdbc.class, repositories);
        context.refresh();
        return context;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        limitlessContext.close();
        plainContext.close();
        database.close();
    }

    @Benchmark
    public Object findByKeyLimitlessRepository() {
        return sharded.findById(existing).orElseThrow();
    }

    @Benchmark
    public Object findByKeySpringDataJdbc() {
        return plain.findById(existing).orElseThrow();
    }

    @Benchmark
    public Object findByKeyJdbcClient() {
        return jdbcClient.sql("SELECT account_id, owner, balance, version FROM bench_accounts WHERE account_id = ?")
                .param(existing)
                .query((rs, row) -> {
                    BenchAccount account = new BenchAccount(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3));
                    account.version = rs.getLong(4);
                    return account;
                })
                .single();
    }

    /*
     * Paired runs: our repository and plain Spring Data JDBC on two threads at the same time, so that both meet the
     * same interference from a shared machine; JMH reports each method of a group separately.
     */

    @Benchmark
    @Group("pairedFindByKey")
    @GroupThreads(1)
    public Object pairedFindByKeyLimitlessRepository() {
        return sharded.findById(existing).orElseThrow();
    }

    @Benchmark
    @Group("pairedFindByKey")
    @GroupThreads(1)
    public Object pairedFindByKeySpringDataJdbc() {
        return plain.findById(existing).orElseThrow();
    }

    @Benchmark
    @Group("pairedInsert")
    @GroupThreads(1)
    public Object pairedInsertLimitlessRepository() {
        return sharded.save(new BenchAccount(UUID.randomUUID(), "bench", 1));
    }

    @Benchmark
    @Group("pairedInsert")
    @GroupThreads(1)
    public Object pairedInsertSpringDataJdbc() {
        return plain.save(new BenchAccount(UUID.randomUUID(), "bench", 1));
    }

    /**
     * What the layer adds to every find, without the database: the entity callbacks Spring Data runs after it reads
     * an aggregate (ours remembers the shard key of the instance).
     */
    @Benchmark
    public Object afterReadCallbacksLimitless() {
        return limitlessCallbacks.callback(AfterConvertCallback.class, loaded);
    }

    @Benchmark
    public Object afterReadCallbacksSpringDataJdbc() {
        return plainCallbacks.callback(AfterConvertCallback.class, loaded);
    }

    /** What the layer adds to every save, without the database: the callbacks before and after the SQL. */
    @Benchmark
    public Object saveCallbacksLimitless() {
        Object checked = limitlessCallbacks.callback(BeforeConvertCallback.class, loaded);
        return limitlessCallbacks.callback(AfterSaveCallback.class, checked);
    }

    @Benchmark
    public Object saveCallbacksSpringDataJdbc() {
        Object checked = plainCallbacks.callback(BeforeConvertCallback.class, loaded);
        return plainCallbacks.callback(AfterSaveCallback.class, checked);
    }

    @Benchmark
    public Object insertLimitlessRepository() {
        return sharded.save(new BenchAccount(UUID.randomUUID(), "bench", 1));
    }

    @Benchmark
    public Object insertSpringDataJdbc() {
        return plain.save(new BenchAccount(UUID.randomUUID(), "bench", 1));
    }

    @Benchmark
    public int insertJdbcClient() {
        return jdbcClient.sql("INSERT INTO bench_accounts (account_id, owner, balance, version) VALUES (?, ?, ?, 0)")
                .params(UUID.randomUUID(), "bench", 1L)
                .update();
    }
}
