package dev.limitless.autoconfigure.guard;

import dev.limitless.autoconfigure.LimitlessProperties;
import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.GuardPolicy;
import dev.limitless.guard.Route;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningPolicy;
import dev.limitless.pinning.PinningRefusedException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Wraps every {@link DataSource} bean of the application in a {@link GuardedDataSource}, so every statement from
 * repositories, {@code JdbcClient}, {@code JdbcTemplate} and Spring Data's own SQL is classified (once per SQL text)
 * and refused before it is sent when the policy says so. {@code unwrap} still reaches the pool, so Spring Boot's pool
 * metrics, health and checkpoint/restore support keep working.
 *
 * <p>A {@link ShardScopeGuard} bean of your own replaces the one built from {@code limitless.guard.*}.
 */
@AutoConfiguration(after = CatalogAutoConfiguration.class, before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(ShardScopeGuard.class)
@ConditionalOnBooleanProperty(name = {"limitless.enabled", "limitless.guard.enabled"}, matchIfMissing = true)
@EnableConfigurationProperties(LimitlessProperties.class)
public final class GuardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PinningDetector limitlessPinningDetector(LimitlessProperties properties) {
        LimitlessProperties.Pinning pinning = properties.getPinning();
        return new PinningDetector(PinningPolicy.all(pinning.getDefaultAction()).with(pinning.getActions()),
                reason -> { }, pinning.getTopology());
    }

    @Bean
    static BeanPostProcessor limitlessGuardedDataSourcePostProcessor(ObjectProvider<LimitlessProperties> properties,
            ObjectProvider<ShardCatalog> catalog, ObjectProvider<ShardScopeGuard> customGuard,
            ObjectProvider<PinningDetector> pinning, ObjectProvider<LimitlessMetrics> metrics) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof GuardedDataSource)) {
                    LimitlessProperties settings = properties.getObject();
                    ShardScopeGuard guard = customGuard.getIfAvailable(() -> guard(settings, catalog.getObject(), dataSource));
                    GuardedDataSource guarded = new GuardedDataSource(dataSource, guard, pinning.getObject(),
                            metrics.getIfAvailable(LimitlessMetrics::noop));
                    if (settings.getPinning().isCheckDriverSettings()) {
                        checkDriverSettings(guarded, beanName);
                    }
                    return guarded;
                }
                return bean;
            }
        };
    }

    /** Driver and pool settings that make PgJDBC send SET: warned or refused (start-up fails) per the policy. */
    private static void checkDriverSettings(GuardedDataSource dataSource, String beanName) {
        try {
            dataSource.checkDriverSettings();
        } catch (PinningRefusedException e) {
            throw new IllegalStateException("DataSource '" + beanName + "': " + e.getMessage(), e);
        }
    }

    /** The guard for one DataSource: the declared catalog (plus the live one read through it) and the policy. */
    static ShardScopeGuard guard(LimitlessProperties properties, ShardCatalog declared, DataSource dataSource) {
        LimitlessProperties.Guard settings = properties.getGuard();
        ShardCatalog catalog = CatalogAutoConfiguration.withLiveCatalog(declared, properties, dataSource);
        GuardPolicy policy = GuardPolicy.defaults()
                .with(Route.SCATTER, settings.getScatter())
                .with(Route.MULTI_SHARD, settings.getMultiShard())
                .with(Route.UNKNOWN, settings.getUnknown());
        List<String> searchPath = settings.getSearchPath().isEmpty() ? List.of(properties.getDefaultSchema()) : settings.getSearchPath();
        return ShardScopeGuard.builder(catalog)
                .policy(policy)
                .searchPath(searchPath)
                .cacheSize(settings.getCacheSize())
                .build();
    }
}
