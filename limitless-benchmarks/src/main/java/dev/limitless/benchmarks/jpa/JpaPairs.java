package dev.limitless.benchmarks.jpa;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.benchmarks.paired.PairedRatio;
import dev.limitless.benchmarks.paired.PairedRunner;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.jpa.JpaEntityCatalog;
import dev.limitless.jpa.LimitlessJpaConfiguration;
import dev.limitless.jpa.ShardedJpaRepository;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.data.repository.CrudRepository;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring Data JPA's budgeted pairs: find by id and insert of one sharded entity through a Spring Data JPA repository
 * on Hibernate, with the library (the guarded DataSource with the refusing pinning policy, and
 * {@link LimitlessJpaConfiguration}: the mapping and repository checks, the flush-time shard-key listener) versus
 * without it (Hibernate on the bare pool), same entity, same table, one pool of one connection shared by both, in one JVM.
 */
public final class JpaPairs {

    /** Names of these pairs start with it; the report gives them a section of their own. */
    public static final String NAME_PREFIX = "Spring Data JPA";

    /** Budget of the library over plain Spring Data JPA, for find and for insert. */
    public static final double BUDGET = 1.03;

    private JpaPairs() {
    }

    /** What an application on Limitless declares: only what stays in one shard. */
    public interface ShardedAccounts extends ShardedJpaRepository<BenchJpaAccount, UUID> {
    }

    public interface PlainAccounts extends CrudRepository<BenchJpaAccount, UUID> {
    }

    /** Hibernate on the context's {@code dataSource}, as Spring Boot would set it up. */
    @Configuration(proxyBeanMethods = false)
    static class Jpa {

        @Bean
        LocalContainerEntityManagerFactoryBean entityManagerFactory(DataSource dataSource) {
            LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
            factory.setDataSource(dataSource);
            factory.setPackagesToScan(BenchJpaAccount.class.getPackageName());
            factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
            factory.setJpaPropertyMap(Map.of("hibernate.physical_naming_strategy",
                    "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy"));
            return factory;
        }

        @Bean
        PlatformTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
            return new JpaTransactionManager(entityManagerFactory);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import({Jpa.class, LimitlessJpaConfiguration.class})
    @EnableJpaRepositories(considerNestedRepositories = true, basePackageClasses = JpaPairs.class,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ShardedAccounts.class))
    static class Limitless {
    }

    @Configuration(proxyBeanMethods = false)
    @Import(Jpa.class)
    @EnableJpaRepositories(considerNestedRepositories = true, basePackageClasses = JpaPairs.class,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = PlainAccounts.class))
    static class Plain {
    }

    public static List<PairedRatio> measure(PairedRunner.Settings settings) throws Exception {
        try (TestDatabase database = PostgresServers.shared().createDatabase("paired_jpa", 16)) {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("""
                        BEGIN;
                        SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                        SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                        CREATE TABLE bench_jpa_accounts (account_id uuid PRIMARY KEY, owner text NOT NULL,
                                                         balance bigint NOT NULL, version bigint NOT NULL);
                        COMMIT;
                        """);
            }
            ShardCatalog catalog = JpaEntityCatalog.scan("public", BenchJpaAccount.class.getPackageName());
            // one pool of one connection for both sides: the same server process answers both
            try (ShardScopeGuard guard = ShardScopeGuard.of(catalog);
                 HikariDataSource pool = database.newPool(1);
                 AnnotationConfigApplicationContext limitless = context(new GuardedDataSource(pool, guard,
                         new PinningDetector(Policy.all(PinningReason.class, PolicyAction.REFUSE)), LimitlessMetrics.noop()), catalog,
                         Limitless.class);
                 AnnotationConfigApplicationContext plainContext = context(pool, null, Plain.class)) {
                ShardedAccounts withLibrary = limitless.getBean(ShardedAccounts.class);
                PlainAccounts plain = plainContext.getBean(PlainAccounts.class);
                UUID existing = UUID.randomUUID();
                plain.save(new BenchJpaAccount(existing, "bench", 100));
                PairedRunner.warmUp(settings, () -> plain.findById(existing).orElseThrow(),
                        () -> withLibrary.findById(existing).orElseThrow(),
                        () -> plain.save(new BenchJpaAccount(UUID.randomUUID(), "bench", 1)),
                        () -> withLibrary.save(new BenchJpaAccount(UUID.randomUUID(), "bench", 1)));
                PairedRatio find = PairedRunner.run(NAME_PREFIX + " with the library / without, find by id", BUDGET,
                        () -> plain.findById(existing).orElseThrow(), () -> withLibrary.findById(existing).orElseThrow(),
                        settings);
                PairedRatio insert = PairedRunner.run(NAME_PREFIX + " with the library / without, insert", BUDGET,
                        () -> plain.save(new BenchJpaAccount(UUID.randomUUID(), "bench", 1)),
                        () -> withLibrary.save(new BenchJpaAccount(UUID.randomUUID(), "bench", 1)), settings);
                return List.of(find, insert);
            }
        }
    }

    static AnnotationConfigApplicationContext context(DataSource dataSource, ShardCatalog catalog, Class<?> configuration) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean("dataSource", DataSource.class, () -> dataSource);
        if (catalog != null) {
            context.registerBean(ShardCatalog.class, () -> catalog);
        }
        context.register(configuration);
        context.refresh();
        return context;
    }
}
