package dev.limitless.autoconfigure.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.iam.IamConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The AWS SDK is optional: without it, IAM is refused at start-up with the dependency to add; without IAM, nothing. */
class IamWithoutAwsSdkTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withClassLoader(new FilteredClassLoader("software.amazon.awssdk"))
            .withConfiguration(AutoConfigurations.of(IamAutoConfiguration.class, IamWithoutAwsSdkAutoConfiguration.class,
                    DataSourceAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:postgresql://ledger.example:5432/postgres_limitless",
                    "spring.datasource.username=ledger");

    @Test
    void iamWithoutTheSdkStopsStartUpNamingTheDependency() {
        runner.withPropertyValues("limitless.iam.enabled=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IamConfigurationException.class)
                    .hasMessageContaining("software.amazon.awssdk:rds");
            assertThat(new IamFailureAnalyzer().analyze(context.getStartupFailure()).getAction()).isNotBlank();
        });
    }

    @Test
    void withoutIamTheSdkIsNotNeeded() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(IamAutoConfiguration.class)
                .doesNotHaveBean(IamWithoutAwsSdkAutoConfiguration.class));
    }

    @Test
    void withTheSdkIamIsConfiguredAsBefore() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IamAutoConfiguration.class, IamWithoutAwsSdkAutoConfiguration.class))
                .withPropertyValues("limitless.iam.enabled=true")
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(IamAutoConfiguration.class)
                        .doesNotHaveBean(IamWithoutAwsSdkAutoConfiguration.class));
    }
}
