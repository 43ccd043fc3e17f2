package dev.limitless.autoconfigure.actuate;

import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.jdbc.GuardedDataSource;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import dev.limitless.autoconfigure.ddl.DdlProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code limitless} actuator endpoint and health contributor, over every guarded DataSource bean. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, GuardAutoConfiguration.class})
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBooleanProperty(name = "limitless.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DdlProperties.class)
public final class LimitlessActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    LimitlessEndpoint limitlessEndpoint(ListableBeanFactory beanFactory) {
        return new LimitlessEndpoint(() -> guarded(beanFactory));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "limitlessHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("limitless")
        LimitlessHealthIndicator limitlessHealthIndicator(ListableBeanFactory beanFactory, DdlProperties properties) {
            return new LimitlessHealthIndicator(() -> guarded(beanFactory),
                    new Status(properties.getMismatchHealthStatus().trim().toUpperCase(java.util.Locale.ROOT)));
        }
    }

    /** Guarded DataSource beans by bean name, found through unwrap so that further wrapping does not hide them. */
    static Map<String, GuardedDataSource> guarded(ListableBeanFactory beanFactory) {
        Map<String, GuardedDataSource> guarded = new LinkedHashMap<>();
        beanFactory.getBeansOfType(DataSource.class).forEach((name, dataSource) -> {
            try {
                if (dataSource.isWrapperFor(GuardedDataSource.class)) {
                    guarded.put(name, dataSource.unwrap(GuardedDataSource.class));
                }
            } catch (SQLException e) {
                // not a guarded data source: nothing to describe
            }
        });
        return guarded;
    }
}
