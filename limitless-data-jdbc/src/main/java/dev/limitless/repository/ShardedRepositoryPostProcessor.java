package dev.limitless.repository;

import dev.limitless.repository.internal.UnscopedMethodsReport;
import dev.limitless.repository.internal.ShardScopedInterceptor;
import dev.limitless.repository.internal.MicrometerScatterCounter;
import dev.limitless.repository.internal.AllowScatterInterceptor;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.AllowScatter;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.repository.UnscopedRepositoryMethodsException.UnscopedMethod;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.jdbc.core.convert.DataAccessStrategy;
import org.springframework.data.jdbc.core.convert.JdbcConverter;
import org.springframework.data.jdbc.repository.support.JdbcRepositoryFactoryBean;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryProxyPostProcessor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.util.ClassUtils;

/**
 * Hooks into every Spring Data JDBC repository of the context through spring-data-commons' own extension points:
 * a {@code RepositoryFactoryCustomizer} installs {@link ShardedJdbcRepository} as the base class of repositories that
 * extend {@link ShardedRepository} and adds a {@link RepositoryProxyPostProcessor} that checks every method of the
 * repository as it is created and runs its {@code @AllowScatter} methods in a scatter scope. The
 * {@code DataAccessStrategy} is wrapped so that UPDATEs of composite-id aggregates do not assign shard-key columns
 * ({@link ShardKeyPreservingUpdates}).
 *
 * <p>Findings of all repositories are collected, and once every singleton exists the context fails with one
 * {@link UnscopedRepositoryMethodsException} listing them all; a lazy repository created later fails its own
 * creation, listing its methods.
 */
final class ShardedRepositoryPostProcessor implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ShardedRepositoryPostProcessor.class);

    private final ObjectProvider<ShardCatalog> catalog;
    private final ObjectProvider<ShardScopeGuard> guard;
    private final ObjectProvider<ScatterCounter> counter;
    private final UnscopedMethodsReport report = new UnscopedMethodsReport();
    private BeanFactory beanFactory;
    private volatile RepositoryMethodCheck check;
    private volatile ShardedEntities entities;
    private volatile ScatterCounter scatterCounter;

    ShardedRepositoryPostProcessor(ObjectProvider<ShardCatalog> catalog, ObjectProvider<ShardScopeGuard> guard,
            ObjectProvider<ScatterCounter> counter) {
        this.catalog = catalog;
        this.guard = guard;
        this.counter = counter;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof JdbcRepositoryFactoryBean<?, ?, ?> factoryBean) {
            boolean sharded = ShardedRepository.class.isAssignableFrom(factoryBean.getObjectType());
            factoryBean.addRepositoryFactoryCustomizer(factory -> {
                if (sharded) {
                    factory.setRepositoryBaseClass(ShardedJdbcRepository.class);
                }
                factory.addRepositoryProxyPostProcessor(this::repositoryCreated);
            });
        }
        return bean;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof DataAccessStrategy strategy && !(bean instanceof ShardKeyPreservingUpdates)) {
            return new ShardKeyPreservingUpdates(strategy, entities(), beanFactory.getBean(JdbcConverter.class),
                    () -> beanFactory.getBean(NamedParameterJdbcOperations.class));
        }
        return bean;
    }

    private void repositoryCreated(ProxyFactory proxy, RepositoryInformation repository) {
        try {
            checkAndAdvise(proxy, repository);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not prepare repository " + repository.getRepositoryInterface().getName(), e);
        }
    }

    private void checkAndAdvise(ProxyFactory proxy, RepositoryInformation repository) throws Exception {
        List<UnscopedMethod> found = check().check(repository);
        // a lazy or deferred repository, created after start-up, fails its own creation
        report.add(found);
        if (ShardScopedInterceptor.anyScoped(repository.getRepositoryInterface())) {
            proxy.addAdvice(new ShardScopedInterceptor());
        }
        AllowScatterInterceptor.adviseRepository(proxy, repository.getRepositoryInterface(), this::scatterCounter);
        if (proxy.getTargetSource().getTarget() instanceof ShardedJdbcRepository<?, ?> sharded) {
            // Spring Data builds the base class without the catalog; the application's catalog is known here
            sharded.describeWith(entities());
        }
        log.debug("Checked repository {}: {} unscoped methods", repository.getRepositoryInterface().getName(), found.size());
    }

    private RepositoryMethodCheck check() {
        RepositoryMethodCheck current = check;
        if (current == null) {
            ShardCatalog shardCatalog = catalog.getIfAvailable(ShardCatalog::empty);
            current = new RepositoryMethodCheck(entities(),
                    // @ShardScoped queries run inside an active key: Aurora appends it, so they need no key predicate
                    element -> AnnotatedElementUtils.hasAnnotation(element, AllowScatter.class)
                            || AnnotatedElementUtils.hasAnnotation(element, dev.limitless.guard.ShardScoped.class),
                    new GuardedQueryCheck(guard.getIfUnique(), shardCatalog));
            check = current;
        }
        return current;
    }

    private ScatterCounter scatterCounter() {
        ScatterCounter current = scatterCounter;
        if (current == null) {
            current = counter.getIfAvailable(() -> ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
                    getClass().getClassLoader()) ? MicrometerScatterCounter.of(beanFactory) : ScatterCounter.NONE);
            scatterCounter = current;
        }
        return current;
    }

    private ShardedEntities entities() {
        ShardedEntities current = entities;
        if (current == null) {
            current = new ShardedEntities(beanFactory.getBean(RelationalMappingContext.class),
                    catalog.getIfAvailable(ShardCatalog::empty));
            entities = current;
        }
        return current;
    }

    /** Fails the start-up once, listing the unscoped methods of all repositories created so far. */
    @Override
    public void afterSingletonsInstantiated() {
        report.startupFinished();
    }
}
