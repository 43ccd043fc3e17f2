package dev.limitless.autoconfigure.metrics;

import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.metrics.MicrometerMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The limitless meters (names in docs/metrics.md) on the application's {@link MeterRegistry}, and one observation
 * per statement when an {@link ObservationRegistry} is present. Without a registry nothing is configured and the
 * guarded DataSource records nothing (no-op metrics cost nothing).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = {"limitless.enabled", "limitless.metrics.enabled"}, matchIfMissing = true)
@EnableConfigurationProperties(MetricsProperties.class)
public final class MetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LimitlessMetrics limitlessMetrics(MeterRegistry registry, ObjectProvider<ObservationRegistry> observations,
            MetricsProperties properties) {
        MicrometerMetrics.Builder builder = MicrometerMetrics.builder(registry)
                .percentileHistogram(properties.isPercentileHistogram());
        if (properties.isObservations()) {
            observations.ifAvailable(builder::observationRegistry);
        }
        return builder.build();
    }

    /**
     * Publishes the {@code limitless.statement} percentile histogram however the timer is created: with an
     * ObservationRegistry, Micrometer's observation handler creates it and would otherwise leave histograms out.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "limitless.metrics.percentile-histogram", matchIfMissing = true)
    MeterFilter limitlessStatementHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals(MicrometerMetrics.STATEMENT)) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
