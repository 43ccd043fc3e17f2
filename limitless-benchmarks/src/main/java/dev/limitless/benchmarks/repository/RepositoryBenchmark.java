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
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the repository layer of this project costs alone, without the database round trips: the entity callbacks
 * Spring Data runs around a find and a save, with {@link LimitlessRepositoryConfiguration} (a {@link ShardedRepository})
 * and without it (a plain {@link CrudRepository}). Find and insert through the database are measured as paired
 * ratios by {@link RepositoryPairs}, which shares this class's entity and configurations.
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
        existing = UUID.randomUUID();
        sharded.save(new BenchAccount(existing, "bench", 100));
        loaded = new BenchAccount(existing, "bench", 100);
        loaded.version = 1L;
        limitlessCallbacks = EntityCallbacks.create(limitlessContext);
        plainCallbacks = EntityCallbacks.create(plainContext);
    }

    static AnnotationConfigApplicationContext context(DataSource dataSource, Class<?> repositories) {
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
}
