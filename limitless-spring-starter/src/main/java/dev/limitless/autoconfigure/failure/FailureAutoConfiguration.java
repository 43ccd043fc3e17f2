package dev.limitless.autoconfigure.failure;

import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.autoconfigure.guard.LimitlessExceptionTranslator;
import dev.limitless.failure.InvocationRetries;
import dev.limitless.failure.RetryBudget;
import dev.limitless.failure.RetryOutcomeListener;
import dev.limitless.failure.TransientRetry;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.TransactionManager;

/**
 * Transient failures under the starter: the transaction manager that does not hide a lost connection behind
 * "JDBC rollback failed" ({@link LimitlessTransactionManager}), and retries of idempotent units of work
 * ({@code @Idempotent}, {@code @IdempotencyKey}) with backoff and a budget, counted on {@code limitless.retries}.
 */
// after Hibernate's: a JPA application keeps its JpaTransactionManager (a JDBC one would not flush the EntityManager)
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, GuardAutoConfiguration.class},
        afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        before = {DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
@ConditionalOnClass(TransientRetry.class)
@ConditionalOnBooleanProperty(name = "limitless.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RetryProperties.class)
public final class FailureAutoConfiguration {

    /** Order of the retry advisor: just outside Spring's transaction interceptor (lowest precedence by default). */
    public static final int RETRY_ORDER = Ordered.LOWEST_PRECEDENCE - 1;

    /**
     * The translator when the guard is switched off (with the guard on, the guard's configuration registers the same
     * type first): transient failures still reach {@code JdbcTemplate} users as {@code TransientDataAccessException}s.
     */
    @Bean
    @ConditionalOnMissingBean(SQLExceptionTranslator.class)
    LimitlessExceptionTranslator limitlessFailureExceptionTranslator(ObjectProvider<DataSource> dataSource) {
        return new LimitlessExceptionTranslator(dataSource.getIfUnique());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSingleCandidate(DataSource.class)
    static class TransactionManagerConfiguration {

        @Bean
        @ConditionalOnMissingBean(TransactionManager.class)
        LimitlessTransactionManager transactionManager(DataSource dataSource,
                ObjectProvider<SQLExceptionTranslator> translator,
                ObjectProvider<TransactionManagerCustomizers> customizers) {
            LimitlessTransactionManager manager = new LimitlessTransactionManager(dataSource,
                    translator.getIfUnique(() -> new LimitlessExceptionTranslator(dataSource)));
            customizers.ifAvailable(all -> all.customize(manager));
            return manager;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "limitless.retry.enabled", matchIfMissing = true)
    static class RetryConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RetryBudget limitlessRetryBudget(RetryProperties properties) {
            RetryProperties.Budget budget = properties.getBudget();
            return RetryBudget.of(budget.getMinPerSecond(), budget.getRatio(), budget.getBurst());
        }

        /** Per-thread tally of retries, for a request or Lambda invocation to report ({@code LambdaInvocations}). */
        @Bean
        @ConditionalOnMissingBean
        InvocationRetries limitlessInvocationRetries() {
            return new InvocationRetries();
        }

        @Bean
        @ConditionalOnMissingBean
        TransientRetry limitlessTransientRetry(RetryProperties properties, RetryBudget budget,
                ObjectProvider<RetryOutcomeListener> listeners, ObjectProvider<DataSource> dataSource) {
            List<RetryOutcomeListener> all = listeners.orderedStream().toList();
            DataSource pool = properties.isEvictIdleConnections() ? dataSource.getIfUnique() : null;
            return TransientRetry.builder()
                    .beforeRetry(pool == null ? failure -> { } : new IdleConnectionEviction(pool, System::nanoTime))
                    .maxAttempts(properties.getMaxAttempts())
                    .delay(properties.getDelay(), properties.getMultiplier())
                    .maxDelay(properties.getMaxDelay())
                    .jitter(properties.getJitter())
                    .budget(budget)
                    .listener((outcome, failure, retries) -> {
                        for (RetryOutcomeListener listener : all) {
                            listener.onOutcome(outcome, failure, retries);
                        }
                    })
                    .build();
        }

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        static Advisor limitlessIdempotentRetryAdvisor(ObjectProvider<TransientRetry> retry) {
            DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new IdempotentRetryInterceptor.Pointcut(),
                    new IdempotentRetryInterceptor(retry::getObject));
            advisor.setOrder(RETRY_ORDER);
            return advisor;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    @ConditionalOnBooleanProperty(name = "limitless.retry.enabled", matchIfMissing = true)
    static class RetryMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RetryMeters limitlessRetryMeters() {
            return new RetryMeters();
        }
    }
}
