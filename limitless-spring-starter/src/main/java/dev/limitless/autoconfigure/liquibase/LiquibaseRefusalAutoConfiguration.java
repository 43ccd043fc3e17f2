package dev.limitless.autoconfigure.liquibase;

import dev.limitless.catalog.LiveCatalog;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Refuses Liquibase on Aurora PostgreSQL Limitless (and its emulation) before it migrates: the routers show its
 * {@code databasechangelog}/{@code databasechangeloglock} as foreign tables, which Liquibase's JDBC metadata lookup
 * does not count as tables, so its second run creates them again and fails (liquibase/liquibase#6690). Flyway with
 * limitless' database type is the supported way (docs/ddl.md). A Liquibase on another data source is left alone.
 */
@AutoConfiguration(before = LiquibaseAutoConfiguration.class)
@ConditionalOnClass({SpringLiquibase.class, LiquibaseAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "limitless.enabled", matchIfMissing = true)
public final class LiquibaseRefusalAutoConfiguration {

    @Bean
    static BeanPostProcessor limitlessLiquibaseRefusal() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                // before initialisation: SpringLiquibase migrates in afterPropertiesSet
                if (bean instanceof SpringLiquibase liquibase) {
                    DataSource dataSource = liquibase.getDataSource();
                    if (dataSource != null && LiveCatalog.isPresent(dataSource)) {
                        throw new LiquibaseOnLimitlessException(beanName);
                    }
                }
                return bean;
            }
        };
    }
}
