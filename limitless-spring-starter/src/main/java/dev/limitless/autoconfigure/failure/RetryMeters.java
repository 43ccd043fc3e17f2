package dev.limitless.autoconfigure.failure;

import dev.limitless.failure.FailureCause;
import dev.limitless.failure.RetryOutcome;
import dev.limitless.failure.RetryOutcomeListener;
import dev.limitless.failure.SqlFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code limitless.retries}: one count per unit of work that failed at least once, tagged {@code outcome} and
 * {@code cause}. Every combination is registered when bound, so dashboards show zeros.
 */
final class RetryMeters implements MeterBinder, RetryOutcomeListener {

    static final String NAME = "limitless.retries";

    private volatile Counter[][] counters;

    @Override
    public void bindTo(MeterRegistry registry) {
        Counter[][] bound = new Counter[RetryOutcome.values().length][FailureCause.values().length];
        for (RetryOutcome outcome : RetryOutcome.values()) {
            for (FailureCause cause : FailureCause.values()) {
                bound[outcome.ordinal()][cause.ordinal()] = Counter.builder(NAME)
                        .description("Units of work that failed at least once, by how they ended and the last failure's cause")
                        .tag("outcome", outcome.tag())
                        .tag("cause", cause.tag())
                        .register(registry);
            }
        }
        this.counters = bound;
    }

    @Override
    public void onOutcome(RetryOutcome outcome, SqlFailure failure, int retries) {
        Counter[][] bound = counters;
        if (bound != null) {
            bound[outcome.ordinal()][failure.cause().ordinal()].increment();
        }
    }
}
