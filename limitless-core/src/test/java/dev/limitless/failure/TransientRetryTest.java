package dev.limitless.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransientRetryTest {

    private final List<String> outcomes = new ArrayList<>();

    private TransientRetry.Builder retry() {
        return TransientRetry.builder().delay(Duration.ZERO, 1).jitter(Duration.ZERO)
                .listener((outcome, failure, retries) -> outcomes.add(outcome.tag() + "/" + failure.cause().tag() + "/" + retries));
    }

    @Test
    void runsAgainOnATransientFailureAndReportsTheSuccess() {
        AtomicInteger attempts = new AtomicInteger();
        String result = retry().build().run(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException(new SQLException("deadlock detected", "40P01"));
            }
            return "booked";
        });
        assertThat(result).isEqualTo("booked");
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(outcomes).containsExactly("success_after_retry/deadlock/2");
    }

    @Test
    void neverRunsAgainOnAPermanentOrUnknownFailureAndThrowsItUnchanged() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException constraint = new IllegalStateException(new SQLException("duplicate key", "23505"));
        assertThatThrownBy(() -> retry().build().run(() -> {
            attempts.incrementAndGet();
            throw constraint;
        })).isSameAs(constraint);
        IllegalArgumentException unknown = new IllegalArgumentException("not a database failure");
        assertThatThrownBy(() -> retry().build().run(() -> {
            attempts.incrementAndGet();
            throw unknown;
        })).isSameAs(unknown);
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(outcomes).containsExactly("not_retryable/constraint_violation/0", "not_retryable/other/0");
    }

    @Test
    void stopsAfterMaxAttemptsWithTheLastFailure() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry().maxAttempts(3).build().run(() -> {
            throw new IllegalStateException("attempt " + attempts.incrementAndGet(),
                    new SQLException("terminating connection due to administrator command", "57P01"));
        })).hasMessage("attempt 3");
        assertThat(outcomes).containsExactly("exhausted/admin_shutdown/2");
    }

    @Test
    void aSpentBudgetPassesTheFailureOnInsteadOfMultiplyingLoad() {
        RetryBudget budget = RetryBudget.of(0, 0, 1, () -> 0L);
        TransientRetry retry = retry().maxAttempts(5).budget(budget).build();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.run(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException(new SQLException("could not serialize", "40001"));
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts.get()).as("the first attempt and the one retry the budget had").isEqualTo(2);
        assertThat(outcomes).containsExactly("budget_exhausted/serialization_failure/1");
    }

    @Test
    void checkedExceptionsPassThroughCall() {
        SQLException lost = new SQLException("I/O error", "08006");
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry().maxAttempts(2).build().call(() -> {
            attempts.incrementAndGet();
            throw lost;
        })).isSameAs(lost);
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> TransientRetry.builder().maxAttempts(0)).hasMessageContaining("limitless.retry.max-attempts");
        assertThatThrownBy(() -> TransientRetry.builder().jitter(Duration.ofMillis(-1))).hasMessageContaining("limitless.retry.jitter");
    }

    @Test
    void waitsGrowExponentiallyUpToTheMaximumWithJitterInsideTheBounds() {
        TransientRetry retry = TransientRetry.builder().delay(Duration.ofMillis(50), 2).maxDelay(Duration.ofMillis(300))
                .jitter(Duration.ZERO).build();
        assertThat(List.of(1, 2, 3, 4, 5)).map(n -> retry.delayBeforeRetry(n, 0.5)).containsExactly(50L, 100L, 200L, 300L, 300L);
        TransientRetry jittered = TransientRetry.builder().delay(Duration.ofMillis(50), 2).maxDelay(Duration.ofMillis(300))
                .jitter(Duration.ofMillis(25)).build();
        assertThat(jittered.delayBeforeRetry(1, 0.0)).as("never below the first delay").isEqualTo(50L);
        assertThat(jittered.delayBeforeRetry(1, 0.999)).isBetween(50L, 75L);
        assertThat(jittered.delayBeforeRetry(3, 0.0)).as("jitter scales with the wait: 200 - 4 x 25").isEqualTo(100L);
        assertThat(jittered.delayBeforeRetry(3, 0.999)).as("never above the maximum").isEqualTo(299L);
    }

    @Test
    void anInterruptDuringTheWaitStopsRetryingAndKeepsTheInterrupt() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException lost = new IllegalStateException(new SQLException("I/O error", "08006"));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> TransientRetry.builder().delay(Duration.ofSeconds(30), 1).build().run(() -> {
                attempts.incrementAndGet();
                throw lost;
            })).isSameAs(lost);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(attempts.get()).isEqualTo(1);
    }
}
