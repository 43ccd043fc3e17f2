package dev.limitless.repository;

import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.ShardScopeGuard;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/**
 * Shard-aware Spring Data JDBC repositories: import it next to {@code @EnableJdbcRepositories} (the starter does)
 * to get {@link ShardedRepository} support, the start-up check of every repository method
 * ({@link UnscopedRepositoryMethodsException}) and the shard-key rules on save. A {@link ShardCatalog} bean, if
 * present, describes tables whose entities carry no {@code @ShardedTable}/{@code @ReferenceTable}; a
 * {@link ShardScopeGuard} bean, if present, judges {@code @Query} SQL under its policy; a {@link ScatterCounter} bean,
 * if present, counts {@code @AllowScatter} invocations. Statements are refused at run
 * time by the application's {@code GuardedDataSource}, which this configuration does not create.
 */
@Configuration(proxyBeanMethods = false)
public class LimitlessRepositoryConfiguration {

    @Bean
    static ShardedRepositoryPostProcessor limitlessShardedRepositoryPostProcessor(ObjectProvider<ShardCatalog> catalog,
            ObjectProvider<ShardScopeGuard> guard, ObjectProvider<ScatterCounter> scatterCounter) {
        return new ShardedRepositoryPostProcessor(catalog, guard, scatterCounter);
    }

    @Bean
    ShardKeyCallbacks limitlessShardKeyCallbacks(RelationalMappingContext mappingContext, ObjectProvider<ShardCatalog> catalog) {
        return new ShardKeyCallbacks(new ShardedEntities(mappingContext, catalog.getIfAvailable(ShardCatalog::empty)));
    }
}
