package dev.limitless.autoconfigure.failure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Retries of idempotent units of work on transient failures ({@code @Idempotent}, {@code @IdempotencyKey}). */
@ConfigurationProperties("limitless.retry")
public class RetryProperties {

    /**
     * Retry methods annotated {@code @Idempotent} (or called with an {@code @IdempotencyKey}) on transient failures.
     * The annotations are the opt-in; this switch turns every such retry off.
     */
    private boolean enabled = true;

    /** Most attempts of one unit of work, the first included (1 = no retry). */
    private int maxAttempts = 4;

    /** Wait before the first retry. */
    private Duration delay = Duration.ofMillis(50);

    /** Factor applied to the wait before each next retry. */
    private double multiplier = 2;

    /** Longest wait between two attempts. */
    private Duration maxDelay = Duration.ofSeconds(2);

    /** Random part added to or taken from each wait, so that units failed by one fault do not retry together. */
    private Duration jitter = Duration.ofMillis(25);

    /**
     * After a lost connection, before retrying, evict the pool's idle connections (at most once a second): when a
     * router is replaced or a server restarts they are dead too, and each would cost the retry one more attempt.
     */
    private boolean evictIdleConnections = true;

    /** The retry budget shared by every retried unit of the application. */
    private final Budget budget = new Budget();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getDelay() {
        return delay;
    }

    public void setDelay(Duration delay) {
        this.delay = delay;
    }

    public double getMultiplier() {
        return multiplier;
    }

    public void setMultiplier(double multiplier) {
        this.multiplier = multiplier;
    }

    public Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public Duration getJitter() {
        return jitter;
    }

    public void setJitter(Duration jitter) {
        this.jitter = jitter;
    }

    public boolean isEvictIdleConnections() {
        return evictIdleConnections;
    }

    public void setEvictIdleConnections(boolean evictIdleConnections) {
        this.evictIdleConnections = evictIdleConnections;
    }

    public Budget getBudget() {
        return budget;
    }

    /** A token bucket: retries are at most {@code ratio} of the calls plus {@code min-per-second}. */
    public static class Budget {

        /** Retries allowed per second whatever the traffic. */
        private double minPerSecond = 10;

        /** Retries earned by each first attempt (0.2: one retry per five calls). */
        private double ratio = 0.2;

        /** Most retries that can be spent at once. */
        private int burst = 20;

        public double getMinPerSecond() {
            return minPerSecond;
        }

        public void setMinPerSecond(double minPerSecond) {
            this.minPerSecond = minPerSecond;
        }

        public double getRatio() {
            return ratio;
        }

        public void setRatio(double ratio) {
            this.ratio = ratio;
        }

        public int getBurst() {
            return burst;
        }

        public void setBurst(int burst) {
            this.burst = burst;
        }
    }
}
