package dev.limitless.failure;

import java.util.function.LongSupplier;

/**
 * Bounds retries so that a failure storm does not multiply the load on the database: a token bucket that holds at
 * most {@code burst} retries, refills by {@code minPerSecond} every second and by {@code ratio} for every first
 * attempt. Each retry takes one token; without one, the failure is passed on. In a storm the retries are therefore
 * at most {@code ratio} of the calls plus {@code minPerSecond}, the shape of Finagle's and gRPC's retry budgets.
 * Thread-safe; one budget is shared by every retried unit of the application.
 */
public final class RetryBudget {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double minPerSecond;
    private final double ratio;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    private RetryBudget(double minPerSecond, double ratio, int burst, LongSupplier nanoTime) {
        if (minPerSecond < 0 || ratio < 0 || burst < 1) {
            throw new IllegalArgumentException("A retry budget needs min-per-second >= 0, ratio >= 0 and burst >= 1;"
                    + " was " + minPerSecond + ", " + ratio + ", " + burst + " (limitless.retry.budget.*)");
        }
        this.minPerSecond = minPerSecond;
        this.ratio = ratio;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** A budget on the monotonic clock. */
    public static RetryBudget of(double minPerSecond, double ratio, int burst) {
        return new RetryBudget(minPerSecond, ratio, burst, System::nanoTime);
    }

    /** A budget on the given monotonic clock (nanoseconds), for tests. */
    public static RetryBudget of(double minPerSecond, double ratio, int burst, LongSupplier nanoTime) {
        return new RetryBudget(minPerSecond, ratio, burst, nanoTime);
    }

    /** A budget that never refuses. */
    public static RetryBudget unlimited() {
        return new RetryBudget(0, 0, Integer.MAX_VALUE, () -> 0L);
    }

    /** Counts a first attempt: it earns {@code ratio} of a retry. */
    public synchronized void onFirstAttempt() {
        refill();
        tokens = Math.min(burst, tokens + ratio);
    }

    /** Takes one retry from the budget; false when it is spent. */
    public synchronized boolean tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** The retries available now (for the actuator and tests). */
    public synchronized double available() {
        refill();
        return tokens;
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed / NANOS_PER_SECOND * minPerSecond);
            refilledAt = now;
        }
    }
}
