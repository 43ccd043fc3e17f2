package dev.limitless.autoconfigure.jpa;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration.EntityCatalogSource;
import dev.limitless.autoconfigure.catalog.CatalogProperties;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.jpa.JpaEntityCatalog;
import dev.limitless.jpa.LimitlessJpaConfiguration;
import dev.limitless.repository.internal.MicrometerScatterCounter;
import dev.limitless.repository.ScatterCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;

/**
 * Spring Data JPA and Hibernate on Limitless (docs/jpa.md), when the application has Spring Data JPA on Hibernate
 * (limitless-data-jpa comes with the starter): the catalog reads {@code @ShardedTable}/{@code @ReferenceTable} JPA entities with Hibernate's naming,
 * Hibernate's mapping is checked when the {@code EntityManagerFactory} is created, shard-key changes are refused at
 * flush, and every repository method is checked by the SQL Hibernate renders for it. Same switches as the Spring
 * Data JDBC support: {@code limitless.enabled}, {@code limitless.repositories.enabled}.
 */
@AutoConfiguration(before = CatalogAutoConfiguration.class,
        beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass(value = {JpaRepositoryFactoryBean.class, LimitlessJpaConfiguration.class},
        name = "org.hibernate.engine.spi.SessionFactoryImplementor")
@ConditionalOnBooleanProperty(name = "limitless.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CatalogProperties.class)
public final class JpaAutoConfiguration {

    /**
     * The entities of {@code limitless.catalog.entity-packages} (else the application's packages), JPA entities with
     * Hibernate's default naming and the others with Spring Data JDBC's; replaces the JDBC-only entity source.
     */
    @Bean
    @ConditionalOnMissingBean(name = "limitlessEntityCatalogSource")
    EntityCatalogSource limitlessEntityCatalogSource(CatalogProperties properties, BeanFactory beanFactory) {
        String[] scanned = CatalogAutoConfiguration.entityPackages(properties, beanFactory).toArray(String[]::new);
        return schema -> scanned.length == 0 ? ShardCatalog.empty() : JpaEntityCatalog.scan(schema, scanned);
    }

    /** The mapping check, the flush-time shard-key rule and the repository check. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "limitless.repositories.enabled", matchIfMissing = true)
    @Import(LimitlessJpaConfiguration.class)
    static class Repositories {
    }

    /** Counts {@code @AllowScatter} repository invocations on the application's meter registry, when it has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class ScatterCounting {

        @Bean
        @ConditionalOnMissingBean
        ScatterCounter limitlessScatterCounter(ObjectProvider<MeterRegistry> registry) {
            MeterRegistry meters = registry.getIfUnique();
            return meters == null ? ScatterCounter.NONE : new MicrometerScatterCounter(meters);
        }
    }
}
