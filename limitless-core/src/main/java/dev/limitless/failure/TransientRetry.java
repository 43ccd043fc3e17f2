package dev.limitless.failure;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Runs an idempotent unit of work, and runs it again when it fails with a {@linkplain SqlFailure#isTransient()
 * transient} failure: at most {@code maxAttempts} times in all, with exponential backoff and jitter, and only while the
 * shared {@link RetryBudget} allows. Built on Spring Framework's {@link RetryTemplate}: the backoff is Spring's
 * {@link ExponentialBackOff}, the decision a {@link RetryPolicy} that classifies each failure.
 *
 * <p>The caller vouches that the unit is idempotent and that it is a whole transaction (not part of one: a retry
 * inside a transaction runs on a connection whose transaction is already lost). The exception of the last attempt is
 * what the caller gets, unchanged; every unit that failed at least once is reported to the
 * {@link RetryOutcomeListener}.
 *
 * <pre>{@code
 * TransientRetry retry = TransientRetry.builder().maxAttempts(4).build();
 * Booking booking = retry.run(() -> transactionTemplate.execute(status -> book(request, idempotencyKey)));
 * }</pre>
 */
public final class TransientRetry {

    private final int maxAttempts;
    private final BackOff backOff;
    private final RetryBudget budget;
    private final RetryOutcomeListener listener;
    private final Consumer<SqlFailure> beforeRetry;

    private TransientRetry(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        ExponentialBackOff exponential = new ExponentialBackOff(builder.delay.toMillis(), builder.multiplier);
        exponential.setMaxInterval(builder.maxDelay.toMillis());
        exponential.setJitter(builder.jitter.toMillis());
        exponential.setMaxAttempts(builder.maxAttempts - 1L);
        this.backOff = exponential;
        this.budget = builder.budget;
        this.listener = builder.listener;
        this.beforeRetry = builder.beforeRetry;
    }

    /** A builder with the defaults of {@code limitless.retry.*}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Most attempts of one unit, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Runs {@code unit}, again on a transient failure; returns its result or throws the last attempt's exception. */
    public <T> T run(Supplier<T> unit) {
        try {
            return call(unit::get);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code unit} (which may throw checked exceptions), again on a transient failure. */
    @SuppressWarnings("unchecked")
    public <T> T call(Retryable<T> unit) throws Throwable {
        budget.onFirstAttempt();
        Attempts attempts = new Attempts(unit);
        Object result;
        try {
            result = new RetryTemplate(attempts).execute(attempts);
        } catch (RetryException e) {
            Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
            RetryOutcome outcome = attempts.stoppedBy != null ? attempts.stoppedBy : RetryOutcome.EXHAUSTED;
            listener.onOutcome(outcome, attempts.lastFailure, e.getRetryCount());
            throw last != null ? last : e;
        }
        if (attempts.lastFailure != null) {
            listener.onOutcome(RetryOutcome.SUCCESS_AFTER_RETRY, attempts.lastFailure, attempts.retries);
        }
        return (T) result;
    }

    /** The state of one call: its policy (the decision per failure) and its operation. */
    private final class Attempts implements RetryPolicy, Retryable<Object> {
        private final Retryable<?> unit;
        private SqlFailure lastFailure;
        private RetryOutcome stoppedBy;
        private int retries;

        Attempts(Retryable<?> unit) {
            this.unit = unit;
        }

        @Override
        public Object execute() throws Throwable {
            return unit.execute();
        }

        @Override
        public String getName() {
            return unit.getName();
        }

        @Override
        public boolean shouldRetry(Throwable failure) {
            lastFailure = SqlFailure.of(failure);
            if (!lastFailure.isTransient()) {
                stoppedBy = RetryOutcome.NOT_RETRYABLE;
                return false;
            }
            if (retries + 1 >= maxAttempts) {
                stoppedBy = RetryOutcome.EXHAUSTED;
                return false;
            }
            if (!budget.tryAcquire()) {
                stoppedBy = RetryOutcome.BUDGET_EXHAUSTED;
                return false;
            }
            retries++;
            beforeRetry.accept(lastFailure);
            return true;
        }

        @Override
        public BackOff getBackOff() {
            return backOff;
        }
    }

    /** Settings of a {@link TransientRetry}. */
    public static final class Builder {
        private int maxAttempts = 4;
        private Duration delay = Duration.ofMillis(50);
        private double multiplier = 2;
        private Duration maxDelay = Duration.ofSeconds(2);
        private Duration jitter = Duration.ofMillis(25);
        private RetryBudget budget = RetryBudget.of(10, 0.2, 20);
        private RetryOutcomeListener listener = RetryOutcomeListener.none();
        private Consumer<SqlFailure> beforeRetry = failure -> { };

        private Builder() {
        }

        /** Most attempts of one unit, the first included (default 4). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("limitless.retry.max-attempts must be at least 1 (1 = no retry), was "
                        + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Wait before the first retry (default 50 ms), multiplied by {@code multiplier} (default 2) for each next one. */
        public Builder delay(Duration delay, double multiplier) {
            if (delay.isNegative() || multiplier < 1) {
                throw new IllegalArgumentException("limitless.retry.delay must not be negative and"
                        + " limitless.retry.multiplier must be at least 1; were " + delay + " and " + multiplier);
            }
            this.delay = delay;
            this.multiplier = multiplier;
            return this;
        }

        /** Longest wait between two attempts (default 2 s). */
        public Builder maxDelay(Duration maxDelay) {
            if (maxDelay.isNegative()) {
                throw new IllegalArgumentException("limitless.retry.max-delay must not be negative, was " + maxDelay);
            }
            this.maxDelay = maxDelay;
            return this;
        }

        /**
         * Random part of each wait, up to this much either way (default 25 ms), so that the units a fault failed
         * together do not retry together.
         */
        public Builder jitter(Duration jitter) {
            if (jitter.isNegative()) {
                throw new IllegalArgumentException("limitless.retry.jitter must not be negative, was " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /** The budget shared by every unit retried through this object (default: 10/s plus 20% of calls, burst 20). */
        public Builder budget(RetryBudget budget) {
            this.budget = budget;
            return this;
        }

        /** Hears every unit that failed at least once (metrics, logs). */
        public Builder listener(RetryOutcomeListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Called with the failure before each retry (before the backoff), e.g. to evict a pool's idle connections
         * after a lost connection. Keep it cheap; it runs on the caller's thread.
         */
        public Builder beforeRetry(Consumer<SqlFailure> beforeRetry) {
            this.beforeRetry = beforeRetry;
            return this;
        }

        public TransientRetry build() {
            return new TransientRetry(this);
        }
    }
}
