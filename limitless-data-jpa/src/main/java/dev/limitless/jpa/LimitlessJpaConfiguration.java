package dev.limitless.jpa;

import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.repository.ScatterCounter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Limitless for Spring Data JPA and Hibernate: import it next to {@code @EnableJpaRepositories} (the starter does).
 * Checks Hibernate's mapping when the {@code EntityManagerFactory} is created ({@link LimitlessMappingException}),
 * refuses shard-key changes of managed entities at flush, and checks every repository method by the SQL Hibernate
 * renders for it ({@code UnscopedRepositoryMethodsException}). A {@link ShardCatalog} bean, if present, names the
 * sharded and reference tables (else the entities' {@code @ShardedTable}/{@code @ReferenceTable}); a
 * {@link ShardScopeGuard} bean, if present, judges the SQL under its policy; a {@link ScatterCounter} bean, if
 * present, counts {@code @AllowScatter} invocations. Statements are refused at run time by the application's
 * {@code GuardedDataSource}, which this configuration does not create.
 */
@Configuration(proxyBeanMethods = false)
public class LimitlessJpaConfiguration {

    @Bean
    static JpaRepositoryPostProcessor limitlessJpaRepositoryPostProcessor(ObjectProvider<ShardCatalog> catalog,
            ObjectProvider<ShardScopeGuard> guard, ObjectProvider<ScatterCounter> scatterCounter) {
        return new JpaRepositoryPostProcessor(catalog, guard, scatterCounter);
    }
}
