package dev.limitless.autoconfigure.guard;

import dev.limitless.autoconfigure.LimitlessProperties;
import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.catalog.CatalogProperties;
import dev.limitless.autoconfigure.topology.TopologyAutoConfiguration;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.internal.GuardWarmUp;
import dev.limitless.guard.Route;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.pinning.DriverSettingFinding;
import dev.limitless.pinning.DriverSettingsCheck;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.pinning.PinningRefusedException;
import dev.limitless.pinning.Topology;
import dev.limitless.policy.Policy;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Wraps every {@link DataSource} bean of the application in a {@link GuardedDataSource}, so every statement from
 * repositories, {@code JdbcClient}, {@code JdbcTemplate} and Spring Data's own SQL is classified (once per SQL text)
 * and refused before it is sent when the policy says so. {@code unwrap} still reaches the pool, so Spring Boot's pool
 * metrics, health and checkpoint/restore support keep working.
 *
 * <p>One runtime: the {@link ShardScopeGuard} (catalog + {@code limitless.guard.*} policy) and the
 * {@link PinningDetector} (policy + the {@code limitless.pinning.risks} counter) are beans, built once, used by the
 * DataSource wrapper, the repository start-up check, the actuator endpoint and health alike; a bean of your own of
 * either type replaces ours. Refusals reach Spring code as {@link GuardRefusalException} /
 * {@link PinningRefusalException} through the {@link LimitlessExceptionTranslator} bean, which Spring Boot gives to
 * {@code JdbcTemplate}, and so to {@code JdbcClient} and Spring Data JDBC.
 */
@AutoConfiguration(after = CatalogAutoConfiguration.class, before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(ShardScopeGuard.class)
@ConditionalOnBooleanProperty(name = {"limitless.enabled", "limitless.guard.enabled"}, matchIfMissing = true)
@EnableConfigurationProperties({LimitlessProperties.class, GuardProperties.class, PinningProperties.class,
        CatalogProperties.class})
public final class GuardAutoConfiguration {

    /** The application's guard: the declared catalog under the {@code limitless.guard.*} policy. */
    @Bean
    @ConditionalOnMissingBean
    ShardScopeGuard limitlessShardScopeGuard(LimitlessProperties limitless, GuardProperties properties,
            ShardCatalog catalog, ObjectProvider<LimitlessMetrics> metrics) {
        LimitlessMetrics recorder = metrics.getIfAvailable(LimitlessMetrics::noop);
        return guard(properties, limitless.getDefaultSchema(), catalog, null, recorder::guardTimeout);
    }

    /**
     * Analyses the listed statements and the catalog's representative ones once every singleton is created (after the
     * repository start-up check, before the application is ready and before a SnapStart snapshot), so that the first
     * request meets a warm parser and cached verdicts.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "limitless.guard.warm-up.enabled", matchIfMissing = true)
    static SmartInitializingSingleton limitlessGuardWarmUp(ObjectProvider<ShardScopeGuard> guard,
            ObjectProvider<GuardProperties> properties) {
        return () -> guard.ifAvailable(available -> {
            GuardWarmUp.Result result = GuardWarmUp.run(available,
                    properties.getObject().getWarmUp().getStatements());
            LoggerFactory.getLogger(GuardAutoConfiguration.class).debug("Guard warmed up: {} statements analysed in {} ms", result.statements(), result.took().toMillis());
        });
    }

    /** Counts every pinning execution on {@code limitless.pinning.risks} when the application records metrics. */
    @Bean
    @ConditionalOnMissingBean
    PinningDetector limitlessPinningDetector(LimitlessProperties limitless, PinningProperties pinning,
            ObjectProvider<LimitlessMetrics> metrics) {
        LimitlessMetrics recorder = metrics.getIfAvailable(LimitlessMetrics::noop);
        return new PinningDetector(Policy.all(PinningReason.class, pinning.getDefaultAction()).with(pinning.getActions()),
                recorder::pinningRisk, TopologyAutoConfiguration.configured(limitless, pinning).orElse(Topology.PROXY));
    }

    /** Refusals as Spring {@code DataAccessException}s; a translator of your own replaces it (delegate to this one). */
    @Bean
    @ConditionalOnMissingBean(SQLExceptionTranslator.class)
    LimitlessExceptionTranslator limitlessExceptionTranslator(ObjectProvider<DataSource> dataSource) {
        return new LimitlessExceptionTranslator(dataSource.getIfUnique());
    }

    @Bean
    static BeanPostProcessor limitlessGuardedDataSourcePostProcessor(ObjectProvider<LimitlessProperties> limitless,
            ObjectProvider<GuardProperties> guardProperties, ObjectProvider<PinningProperties> pinningProperties,
            ObjectProvider<CatalogProperties> catalogProperties, ObjectProvider<ShardScopeGuard> guard,
            ObjectProvider<PinningDetector> pinning, ObjectProvider<LimitlessMetrics> metrics) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof GuardedDataSource)) {
                    PinningDetector detector = pinning.getObject();
                    LimitlessMetrics recorder = metrics.getIfAvailable(LimitlessMetrics::noop);
                    ShardScopeGuard applicationGuard = guard.getObject();
                    CatalogProperties catalog = catalogProperties.getObject();
                    ShardScopeGuard dataSourceGuard = !catalog.isLive() ? applicationGuard
                            : liveGuard(guardProperties.getObject(), limitless.getObject().getDefaultSchema(), catalog,
                                    applicationGuard, dataSource, recorder);
                    GuardedDataSource guarded = new GuardedDataSource(dataSource, dataSourceGuard, detector, recorder);
                    if (pinningProperties.getObject().isCheckDriverSettings()) {
                        checkDriverSettings(dataSource, detector, beanName);
                    }
                    return guarded;
                }
                return bean;
            }
        };
    }

    /**
     * With {@code limitless.catalog.live=true}: the live catalog can only be read through the DataSource being wrapped,
     * so that DataSource gets the application guard's policy over the declared catalog merged with the live one
     * (conflicts stop start-up naming both sources).
     */
    private static ShardScopeGuard liveGuard(GuardProperties settings, String defaultSchema, CatalogProperties catalog,
            ShardScopeGuard application, DataSource dataSource, LimitlessMetrics metrics) {
        return guard(settings, defaultSchema,
                CatalogAutoConfiguration.withLiveCatalog(application.catalog(), catalog, defaultSchema, dataSource),
                application.policy(), metrics::guardTimeout);
    }

    /**
     * Driver and pool settings that make PgJDBC send SET: warned or refused (start-up fails) per the policy. Each
     * finding names the Spring property that fixes it, since that is where a Spring Boot application sets it.
     */
    private static void checkDriverSettings(DataSource dataSource, PinningDetector detector, String beanName) {
        List<DriverSettingFinding> findings = DriverSettingsCheck.check(dataSource).stream()
                .map(DriverSettingProperties::withSpringProperty).toList();
        try {
            detector.checkDriverSettings(findings);
        } catch (PinningRefusedException e) {
            throw new IllegalStateException("DataSource '" + beanName + "': " + e.getMessage(), e);
        }
    }

    static ShardScopeGuard guard(GuardProperties settings, String defaultSchema, ShardCatalog catalog,
            Policy<Route> policyOverride, Runnable timeoutListener) {
        Policy<Route> policy = policyOverride != null ? policyOverride : Policy.defaults(Route.class)
                .with(Route.SCATTER, settings.getScatter())
                .with(Route.MULTI_SHARD, settings.getMultiShard())
                .with(Route.UNKNOWN, settings.getUnknown());
        List<String> searchPath = settings.getSearchPath().isEmpty() ? List.of(defaultSchema) : settings.getSearchPath();
        return ShardScopeGuard.builder(catalog)
                .policy(policy)
                .searchPath(searchPath)
                .cacheSize(settings.getCacheSize())
                .timeoutListener(timeoutListener)
                .build();
    }
}
