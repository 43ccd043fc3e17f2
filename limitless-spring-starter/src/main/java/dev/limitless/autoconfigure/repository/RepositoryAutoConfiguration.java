package dev.limitless.autoconfigure.repository;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.repository.LimitlessRepositoryConfiguration;
import dev.limitless.repository.internal.MicrometerScatterCounter;
import dev.limitless.repository.ScatterCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/**
 * Shard-aware Spring Data JDBC repositories (docs/repositories.md): {@code ShardedRepository} support, the start-up
 * check of every repository method, and the shard-key rules on save, for applications that use Spring Data JDBC
 * (a {@link RelationalMappingContext} bean). Statements are refused at run time by the guarded DataSource.
 */
@AutoConfiguration(after = CatalogAutoConfiguration.class,
        afterName = "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration")
@ConditionalOnClass({AbstractJdbcConfiguration.class, LimitlessRepositoryConfiguration.class})
@ConditionalOnBean(RelationalMappingContext.class)
@ConditionalOnBooleanProperty(name = {"limitless.enabled", "limitless.repositories.enabled"}, matchIfMissing = true)
@EnableConfigurationProperties(RepositoriesProperties.class)
@Import(LimitlessRepositoryConfiguration.class)
public final class RepositoryAutoConfiguration {

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
