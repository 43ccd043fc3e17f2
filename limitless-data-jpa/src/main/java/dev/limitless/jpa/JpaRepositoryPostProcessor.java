package dev.limitless.jpa;

import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.AllowScatter;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.repository.internal.AllowScatterInterceptor;
import dev.limitless.repository.ScatterCounter;
import dev.limitless.repository.internal.UnscopedMethodsReport;
import dev.limitless.repository.UnscopedRepositoryMethodsException;
import dev.limitless.repository.UnscopedRepositoryMethodsException.UnscopedMethod;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.spi.EventType;
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
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;

/**
 * Hooks Limitless into Hibernate and Spring Data JPA through their own extension points. When an
 * {@link EntityManagerFactory} is created: its mapping is checked ({@link LimitlessMappingException}) and the shard-key
 * change listener is appended to Hibernate's PRE_UPDATE events. When a repository is created, a
 * {@code RepositoryFactoryCustomizer} adds a proxy post-processor that checks every method and runs its
 * {@code @AllowScatter} methods in a scatter scope. Findings of all repositories are collected, and once every
 * singleton exists the context fails with one {@link UnscopedRepositoryMethodsException} listing them all (the report
 * of Spring Data JDBC repositories); a lazy repository created later fails its own creation.
 */
final class JpaRepositoryPostProcessor implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(JpaRepositoryPostProcessor.class);

    private final ObjectProvider<ShardCatalog> catalog;
    private final ObjectProvider<ShardScopeGuard> guard;
    private final ObjectProvider<ScatterCounter> counter;
    private final UnscopedMethodsReport report = new UnscopedMethodsReport();
    private final Map<SessionFactoryImplementor, JpaEntities> entitiesByFactory = new ConcurrentHashMap<>();
    private final Map<SessionFactoryImplementor, RepositoryCheck> checks = new ConcurrentHashMap<>();
    private BeanFactory beanFactory;

    JpaRepositoryPostProcessor(ObjectProvider<ShardCatalog> catalog, ObjectProvider<ShardScopeGuard> guard,
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
        if (bean instanceof JpaRepositoryFactoryBean<?, ?, ?> factoryBean) {
            factoryBean.addRepositoryFactoryCustomizer(factory -> factory.addRepositoryProxyPostProcessor(this::repositoryCreated));
        }
        if (bean instanceof AbstractEntityManagerFactoryBean factoryBean) {
            // before Hibernate starts: its schema export would run while the session factory is built
            List<LimitlessMappingException.MappingProblem> problems = MappingCheck.schemaExport(factoryBean.getJpaPropertyMap());
            if (!problems.isEmpty()) {
                throw new LimitlessMappingException(problems);
            }
        }
        return bean;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof EntityManagerFactory factory && !(bean instanceof org.springframework.beans.factory.FactoryBean<?>)) {
            entities(factory.unwrap(SessionFactoryImplementor.class));
        }
        return bean;
    }

    /** The entities of one session factory; the first call checks its mapping and installs the listener. */
    private JpaEntities entities(SessionFactoryImplementor sessionFactory) {
        return entitiesByFactory.computeIfAbsent(sessionFactory, factory -> {
            JpaEntities entities = new JpaEntities(factory, catalog.getIfAvailable(ShardCatalog::empty));
            List<LimitlessMappingException.MappingProblem> problems = new MappingCheck(entities).problems();
            if (!problems.isEmpty()) {
                throw new LimitlessMappingException(problems);
            }
            factory.getEventListenerRegistry().appendListeners(EventType.PRE_UPDATE, new ShardKeyChangeListener(entities));
            return entities;
        });
    }

    private void repositoryCreated(ProxyFactory proxy, RepositoryInformation repository) {
        SessionFactoryImplementor sessionFactory = sessionFactoryOf(repository.getDomainType());
        if (sessionFactory == null) {
            return;
        }
        RepositoryCheck check = checks.computeIfAbsent(sessionFactory, factory -> new RepositoryCheck(entities(factory),
                guard.getIfUnique(), element -> AnnotatedElementUtils.hasAnnotation(element, AllowScatter.class)));
        List<UnscopedMethod> found = check.check(repository);
        report.add(found);
        AllowScatterInterceptor.adviseRepository(proxy, repository.getRepositoryInterface(),
                () -> counter.getIfAvailable(() -> ScatterCounter.NONE));
        log.debug("Checked JPA repository {}: {} unscoped methods", repository.getRepositoryInterface().getName(), found.size());
    }

    /** The session factory that maps the domain type (applications may have several persistence units). */
    private SessionFactoryImplementor sessionFactoryOf(Class<?> domainType) {
        for (EntityManagerFactory factory : beanFactory.getBeanProvider(EntityManagerFactory.class)) {
            SessionFactoryImplementor sessionFactory = factory.unwrap(SessionFactoryImplementor.class);
            if (sessionFactory.getMappingMetamodel().findEntityDescriptor(domainType) != null) {
                return sessionFactory;
            }
        }
        return null;
    }

    /** Fails the start-up once, listing the unscoped methods of all repositories created so far. */
    @Override
    public void afterSingletonsInstantiated() {
        report.startupFinished();
    }
}
