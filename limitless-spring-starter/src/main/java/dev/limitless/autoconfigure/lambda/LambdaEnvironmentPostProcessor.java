package dev.limitless.autoconfigure.lambda;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In AWS Lambda, adds pool defaults suited to one request per execution environment, with the lowest precedence:
 * any value the application sets wins. The values (documented in docs/lambda.md):
 * <ul>
 *   <li>{@code maximum-pool-size} = {@code limitless.lambda.maximum-pool-size} (1): one request at a time per environment;</li>
 *   <li>{@code minimum-idle} = the same: the connection is opened at initialisation and kept;</li>
 *   <li>{@code connection-timeout} = {@code limitless.lambda.connection-timeout} (5 s): fail fast inside the function timeout;</li>
 *   <li>{@code keepalive-time} = 0: a frozen environment cannot send keep-alives; validation on borrow covers thawing;</li>
 *   <li>{@code allow-pool-suspension} = true: lets Spring's checkpoint/restore support (SnapStart) suspend the pool and
 *       close its connections before the snapshot; without it the snapshot would hold an open connection.</li>
 * </ul>
 */
final class LambdaEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "limitlessLambdaDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!AwsLambda.isRunningIn(environment) || !environment.getProperty("limitless.lambda.enabled", Boolean.class, true)
                || !environment.getProperty("limitless.enabled", Boolean.class, true)) {
            return;
        }
        String poolSize = environment.getProperty("limitless.lambda.maximum-pool-size", "1");
        // HikariCP binds connection-timeout to a long of milliseconds: "5s" would fail start-up.
        long timeout = DurationStyle.detectAndParse(environment.getProperty("limitless.lambda.connection-timeout", "5s"))
                .toMillis();
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.datasource.hikari.maximum-pool-size", poolSize);
        defaults.put("spring.datasource.hikari.minimum-idle", poolSize);
        defaults.put("spring.datasource.hikari.connection-timeout", Long.toString(timeout));
        defaults.put("spring.datasource.hikari.keepalive-time", "0");
        defaults.put("spring.datasource.hikari.allow-pool-suspension", "true");
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, defaults));
    }
}
