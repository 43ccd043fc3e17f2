package dev.limitless.autoconfigure.failure;

import dev.limitless.failure.SqlFailure;
import java.lang.reflect.Method;
import org.springframework.resilience.retry.MethodRetryPredicate;

/**
 * For Spring Framework's own {@code @Retryable}: retries only failures that {@link SqlFailure} calls transient.
 * {@code @Retryable(predicate = TransientFailurePredicate.class, maxRetries = 3, delay = 50, jitter = 25,
 * multiplier = 2)} on an idempotent {@code @Transactional} method (with {@code @EnableResilientMethods}) runs
 * outside the transaction, as Spring applies its retry before existing advisors. Unlike limitless' {@code @Idempotent},
 * it has no retry budget, no {@code limitless.retries} meter and no {@code @IdempotencyKey}.
 */
public final class TransientFailurePredicate implements MethodRetryPredicate {

    @Override
    public boolean shouldRetry(Method method, Throwable failure) {
        return SqlFailure.of(failure).isTransient();
    }
}
