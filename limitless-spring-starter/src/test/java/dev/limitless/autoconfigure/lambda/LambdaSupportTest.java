package dev.limitless.autoconfigure.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.HikariCheckpointRestoreLifecycle;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.jdbc.core.JdbcTemplate;

@LimitlessPostgres(shards = 0)
class LambdaSupportTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, LambdaAutoConfiguration.class));

    @Test
    void springBootLoadsThePackagePrivatePostProcessorFromSpringFactories() {
        // not public API: Spring Boot instantiates it from META-INF/spring.factories, as it does its own (the
        // failure handler skips Boot's post-processors that want constructor arguments this test does not give)
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation(LambdaSupportTest.class.getClassLoader())
                .load(EnvironmentPostProcessor.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
                })))
                .hasAtLeastOneElementOfType(LambdaEnvironmentPostProcessor.class);
    }

    @Test
    void addsPoolDefaultsInLambdaThatTheApplicationCanOverride() {
        StandardEnvironment environment = environment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "ledger",
                "spring.datasource.hikari.connection-timeout", "2000"));
        new LambdaEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.datasource.hikari.maximum-pool-size")).isEqualTo("1");
        assertThat(environment.getProperty("spring.datasource.hikari.minimum-idle")).isEqualTo("1");
        assertThat(environment.getProperty("spring.datasource.hikari.keepalive-time")).isEqualTo("0");
        assertThat(environment.getProperty("spring.datasource.hikari.allow-pool-suspension")).isEqualTo("true");
        assertThat(environment.getProperty("spring.datasource.hikari.connection-timeout")).isEqualTo("2000");
    }

    @Test
    void givesHikariTheConnectionTimeoutInMilliseconds() {
        StandardEnvironment environment = environment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "ledger"));
        new LambdaEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.datasource.hikari.connection-timeout")).isEqualTo("5000");

        StandardEnvironment configured = environment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "ledger",
                "limitless.lambda.connection-timeout", "3s"));
        new LambdaEnvironmentPostProcessor().postProcessEnvironment(configured, new SpringApplication());
        assertThat(configured.getProperty("spring.datasource.hikari.connection-timeout")).isEqualTo("3000");
    }

    @Test
    void leavesThePoolAloneOutsideLambdaOrWhenSwitchedOff() {
        StandardEnvironment outside = environment(Map.of());
        new LambdaEnvironmentPostProcessor().postProcessEnvironment(outside, new SpringApplication());
        assertThat(outside.getPropertySources().contains(LambdaEnvironmentPostProcessor.PROPERTY_SOURCE)).isFalse();

        StandardEnvironment off = environment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "ledger", "limitless.lambda.enabled", "false"));
        new LambdaEnvironmentPostProcessor().postProcessEnvironment(off, new SpringApplication());
        assertThat(off.getPropertySources().contains(LambdaEnvironmentPostProcessor.PROPERTY_SOURCE)).isFalse();
    }

    @Test
    void opensTheConnectionDuringInitialisationInLambda() {
        runner.withPropertyValues(datasource("lambda-warm-up"))
                .withPropertyValues("AWS_LAMBDA_FUNCTION_NAME=ledger")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(backends("lambda-warm-up")).isEqualTo(1);
                });
    }

    @Test
    void doesNotWarmUpOutsideLambda() {
        runner.withPropertyValues(datasource("no-lambda"))
                .run(context -> {
                    assertThat(context).doesNotHaveBean("limitlessLambdaConnectionWarmUp");
                    assertThat(backends("no-lambda")).isZero();
                });
    }

    @Test
    void snapStartCheckpointClosesEveryPooledConnectionAndRestoreReopens() {
        runner.withPropertyValues(datasource("snapstart"))
                // what LambdaEnvironmentPostProcessor adds in Lambda (the runner does not run post-processors)
                .withPropertyValues("AWS_LAMBDA_FUNCTION_NAME=ledger", "spring.datasource.hikari.minimum-idle=1",
                        "spring.datasource.hikari.allow-pool-suspension=true")
                .run(context -> {
                    HikariCheckpointRestoreLifecycle lifecycle = context.getBean(HikariCheckpointRestoreLifecycle.class);
                    assertThat(backends("snapstart")).isEqualTo(1);
                    lifecycle.stop();
                    // the server ends a backend shortly after its client closed the socket
                    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> backends("snapstart") == 0);
                    lifecycle.start();
                    assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
                });
    }

    private static String[] datasource(String applicationName) {
        return new String[] {"spring.datasource.url=" + database.jdbcUrl() + "?ApplicationName=" + applicationName,
                "spring.datasource.username=" + database.username(), "spring.datasource.password=" + database.password()};
    }

    private static int backends(String applicationName) {
        return new JdbcTemplate(database.dataSource()).queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", Integer.class, applicationName);
    }

    private static StandardEnvironment environment(Map<String, Object> values) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", values));
        return environment;
    }
}
