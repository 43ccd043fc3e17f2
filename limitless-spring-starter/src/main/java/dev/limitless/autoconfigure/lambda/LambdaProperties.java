package dev.limitless.autoconfigure.lambda;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Behaviour when running in AWS Lambda ({@code limitless.lambda.*}; detected from AWS_LAMBDA_FUNCTION_NAME). See
 * docs/lambda.md.
 */
@ConfigurationProperties("limitless.lambda")
public class LambdaProperties {

    /** Apply the Lambda pool defaults and open the connection at initialisation when running in Lambda. */
    private boolean enabled = true;

    /** Pool size per execution environment: one environment serves one request at a time. */
    private int maximumPoolSize = 1;

    /** How long a request waits for a connection before failing; well below a typical function timeout. */
    private Duration connectionTimeout = Duration.ofSeconds(5);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaximumPoolSize() {
        return maximumPoolSize;
    }

    public void setMaximumPoolSize(int maximumPoolSize) {
        this.maximumPoolSize = maximumPoolSize;
    }

    public Duration getConnectionTimeout() {
        return connectionTimeout;
    }

    public void setConnectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }
}
