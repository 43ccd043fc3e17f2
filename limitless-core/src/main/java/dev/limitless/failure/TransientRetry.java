package dev.limitless.failure;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs an idempotent unit of work, and runs it again when it fails with a {@linkplain SqlFailure#isTransient()
 * transient} failure: at most {@code maxAttempts} times in all, with exponential backoff and jitter, and only while the
 * shared {@link RetryBudget} allows. Plain Java (limitless-core has no Spring dependency): the backoff has the shape of
 * Spring Framework's {@code ExponentialBackOff} with jitter, the decision classifies each failure.
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
    private final long delayMillis;
    private final double multiplier;
    private final long maxDelayMillis;
    private final long jitterMillis;
    private final RetryBudget budget;
    private final RetryOutcomeListener listener;
    private final Consumer<SqlFailure> beforeRetry;

    private TransientRetry(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.delayMillis = builder.delay.toMillis();
        this.multiplier = builder.multiplier;
        this.maxDelayMillis = builder.maxDelay.toMillis();
        this.jitterMillis = builder.jitter.toMillis();
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
    public <T> T call(Unit<T> unit) throws Throwable {
        budget.onFirstAttempt();
        int retries = 0;
        SqlFailure lastFailure = null;
        while (true) {
            T result;
            try {
                result = unit.execute();
            } catch (Throwable failure) {
                lastFailure = SqlFailure.of(failure);
                RetryOutcome stop = null;
                if (!lastFailure.isTransient()) {
                    stop = RetryOutcome.NOT_RETRYABLE;
                } else if (retries + 1 >= maxAttempts) {
                    stop = RetryOutcome.EXHAUSTED;
                } else if (!budget.tryAcquire()) {
                    stop = RetryOutcome.BUDGET_EXHAUSTED;
                }
                if (stop != null) {
                    listener.onOutcome(stop, lastFailure, retries);
                    throw failure;
                }
                beforeRetry.accept(lastFailure);
                if (!pause(delayBeforeRetry(retries + 1, ThreadLocalRandom.current().nextDouble()))) {
                    // interrupted while waiting: the caller asked to stop, so the failure goes up as it is
                    listener.onOutcome(RetryOutcome.EXHAUSTED, lastFailure, retries);
                    throw failure;
                }
                retries++;
                continue;
            }
            if (lastFailure != null) {
                listener.onOutcome(RetryOutcome.SUCCESS_AFTER_RETRY, lastFailure, retries);
            }
            return result;
        }
    }

    /**
     * The wait before retry number {@code retry} (1 for the first): {@code delay * multiplier^(retry - 1)}, at most
     * {@code maxDelay}, moved at random by up to {@code jitter} (scaled as the wait grows) but never below
     * {@code delay} nor above {@code maxDelay}.
     *
     * @param random a number in [0, 1)
     */
    long delayBeforeRetry(int retry, double random) {
        double grown = delayMillis * Math.pow(multiplier, retry - 1);
        long interval = (long) Math.min(grown, maxDelayMillis);
        if (jitterMillis <= 0 || delayMillis <= 0) {
            return interval;
        }
        long applicable = (long) Math.min((double) jitterMillis * interval / delayMillis, Long.MAX_VALUE / 4);
        long min = Math.max(interval - applicable, Math.min(delayMillis, maxDelayMillis));
        long max = Math.min(interval + applicable, maxDelayMillis);
        return max <= min ? min : min + (long) (random * (max - min));
    }

    private static boolean pause(long millis) {
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * One unit of work that may throw checked exceptions.
     *
     * @param <T> its result
     */
    @FunctionalInterface
    public interface Unit<T> {
        T execute() throws Throwable;
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
