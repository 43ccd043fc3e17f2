package dev.limitless.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void spendsTheBurstThenOnlyWhatTimeAndCallsEarn() {
        RetryBudget budget = RetryBudget.of(2, 0.5, 3, now::get);
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).as("burst of 3 spent").isFalse();

        budget.onFirstAttempt();
        budget.onFirstAttempt();
        assertThat(budget.tryAcquire()).as("two calls earn one retry at ratio 0.5").isTrue();
        assertThat(budget.tryAcquire()).isFalse();

        now.addAndGet(500_000_000L);
        assertThat(budget.tryAcquire()).as("half a second earns one at 2 per second").isTrue();
        assertThat(budget.tryAcquire()).isFalse();

        now.addAndGet(60_000_000_000L);
        assertThat(budget.available()).as("never more than the burst").isEqualTo(3);
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> RetryBudget.of(-1, 0.2, 10)).hasMessageContaining("limitless.retry.budget");
        assertThatThrownBy(() -> RetryBudget.of(10, 0.2, 0)).hasMessageContaining("burst");
    }
}
