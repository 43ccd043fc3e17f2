package dev.limitless.autoconfigure.sqs;

import dev.limitless.sqs.MicrometerSqsBatchMetrics;
import dev.limitless.sqs.ShardGroupedBatchWriter;
import dev.limitless.sqs.SqsBatchMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * With limitless-sqs on the class path: a {@link ShardGroupedWriters} bean that makes shard-grouped SQS batch
 * writers on the application's DataSource (the guarded one) and transaction manager, and the
 * {@code limitless.sqs.*} meters when the application has a {@link MeterRegistry}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "dev.limitless.autoconfigure.metrics.MetricsAutoConfiguration"})
@ConditionalOnClass(ShardGroupedBatchWriter.class)
@ConditionalOnBooleanProperty(name = {"limitless.enabled", "limitless.sqs.enabled"}, matchIfMissing = true)
@EnableConfigurationProperties(LimitlessSqsProperties.class)
public final class SqsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({DataSource.class, PlatformTransactionManager.class})
    ShardGroupedWriters limitlessShardGroupedWriters(DataSource dataSource, PlatformTransactionManager transactions,
            ObjectProvider<SqsBatchMetrics> metrics, LimitlessSqsProperties properties) {
        return new ShardGroupedWriters(dataSource, transactions, metrics.getIfAvailable(SqsBatchMetrics::noop),
                properties);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnBooleanProperty(name = "limitless.metrics.enabled", matchIfMissing = true)
    static class SqsMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SqsBatchMetrics limitlessSqsBatchMetrics(MeterRegistry registry) {
            return MicrometerSqsBatchMetrics.of(registry);
        }
    }
}
