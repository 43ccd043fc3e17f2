package dev.limitless.repository;

import javax.sql.DataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** Real Spring contexts for the repository tests: Spring Data JDBC on the test database plus our configuration. */
final class RepositoryContexts {

    private RepositoryContexts() {
    }

    /** Starts a context of the given configuration classes with {@code dataSource} as its DataSource. */
    static AnnotationConfigApplicationContext start(DataSource dataSource, Class<?>... configurations) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        // the test owns the pool: a context that fails or closes must not close it
        context.registerBean("dataSource", DataSource.class, () -> dataSource, definition -> definition.setDestroyMethodName(""));
        context.register(JdbcInfrastructure.class);
        context.register(configurations);
        context.refresh();
        return context;
    }

    @Configuration(proxyBeanMethods = false)
    @Import(LimitlessRepositoryConfiguration.class)
    static class JdbcInfrastructure extends AbstractJdbcConfiguration {

        @Bean
        NamedParameterJdbcOperations namedParameterJdbcOperations(DataSource dataSource) {
            return new NamedParameterJdbcTemplate(dataSource);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }
    }
}
