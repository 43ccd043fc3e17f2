package dev.limitless.autoconfigure.iam;

import dev.limitless.iam.IamConfigurationException;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Fails start-up when {@code limitless.iam.enabled=true} but the AWS SDK, an optional dependency of limitless, is not
 * on the class path: without it the pool would connect with no password and fail later with an authentication error
 * that does not say why.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "limitless.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("limitless.iam.enabled")
@ConditionalOnMissingClass(IamAutoConfiguration.AWS_SDK_RDS)
public final class IamWithoutAwsSdkAutoConfiguration {

    static final String MESSAGE = "limitless.iam.enabled=true needs the AWS SDK's RDS module on the class path, and it"
            + " is not there (it is an optional dependency of limitless). Add the dependency"
            + " software.amazon.awssdk:rds (its version comes from the AWS SDK BOM software.amazon.awssdk:bom), or set"
            + " limitless.iam.enabled=false and give spring.datasource.password.";

    @Bean
    static InitializingBean limitlessIamNeedsAwsSdk() {
        return () -> {
            throw new IamConfigurationException(MESSAGE);
        };
    }
}
