package dev.limitless.autoconfigure.lambda;

import dev.limitless.failure.InvocationRetries;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * In AWS Lambda, opens the pool's connection while the execution environment initialises (and, with SnapStart,
 * before the snapshot is taken, after which Spring's checkpoint/restore support closes it and reopens it on restore),
 * so that no request pays for the TCP, TLS and authentication handshake. {@link LambdaInvocations} is what a handler
 * calls around each invocation: a connection found dead is replaced before the invocation, and retries are reported.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = {"limitless.enabled", "limitless.lambda.enabled"}, matchIfMissing = true)
@Conditional(LambdaAutoConfiguration.OnAwsLambda.class)
@EnableConfigurationProperties(LambdaProperties.class)
public final class LambdaAutoConfiguration {

    @Bean
    static SmartInitializingSingleton limitlessLambdaConnectionWarmUp(ObjectProvider<DataSource> dataSources) {
        return () -> dataSources.ifAvailable(LambdaAutoConfiguration::warmUp);
    }

    /** What the handler calls around each invocation: a dead pooled connection replaced, retries reported. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(DataSource.class)
    LambdaInvocations limitlessLambdaInvocations(DataSource dataSource, ObjectProvider<InvocationRetries> retries,
            LambdaProperties properties) {
        return new LambdaInvocations(dataSource, retries.getIfAvailable(), properties.getMaximumPoolSize());
    }

    private static void warmUp(DataSource dataSource) {
        Logger log = LoggerFactory.getLogger(LambdaAutoConfiguration.class);
        try (Connection connection = dataSource.getConnection()) {
            log.debug("Opened the pool's connection during initialisation ({})", connection.getMetaData().getURL());
        } catch (SQLException e) {
            // Initialisation must not fail for a database that is briefly unreachable; the first request retries.
            log.warn("Could not open a database connection during Lambda initialisation: {}", e.getMessage());
        }
    }

    static final class OnAwsLambda extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return AwsLambda.isRunningIn(context.getEnvironment())
                    ? ConditionOutcome.match("running in AWS Lambda (" + AwsLambda.FUNCTION_NAME + " is set)")
                    : ConditionOutcome.noMatch("not running in AWS Lambda (" + AwsLambda.FUNCTION_NAME + " is not set)");
        }
    }
}
