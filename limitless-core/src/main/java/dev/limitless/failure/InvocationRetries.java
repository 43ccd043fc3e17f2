package dev.limitless.failure;

import java.util.EnumSet;
import java.util.Set;

/**
 * Tallies, per thread, the retries of the units of work run between {@link #begin()} and {@link #end()}: what a
 * request or a Lambda invocation reports when it had to retry internally. Register it as a listener of the
 * {@link TransientRetry} (the starter does).
 */
public final class InvocationRetries implements RetryOutcomeListener {

    private final ThreadLocal<Tally> current = ThreadLocal.withInitial(Tally::new);

    /** Starts counting for the current thread (forgets what an earlier invocation left). */
    public void begin() {
        current.get().reset();
    }

    /** What was retried on the current thread since {@link #begin()}; counting stops. */
    public Report end() {
        Tally tally = current.get();
        Report report = new Report(tally.retries, tally.unitsRetried, tally.unitsFailed, Set.copyOf(tally.causes));
        tally.reset();
        return report;
    }

    @Override
    public void onOutcome(RetryOutcome outcome, SqlFailure failure, int retries) {
        Tally tally = current.get();
        if (retries > 0) {
            tally.retries += retries;
            tally.unitsRetried++;
            tally.causes.add(failure.cause());
        }
        if (outcome != RetryOutcome.SUCCESS_AFTER_RETRY) {
            tally.unitsFailed++;
        }
    }

    /**
     * @param retries how many times units of work ran again
     * @param unitsRetried how many units ran more than once
     * @param unitsFailed how many units failed in the end (retries spent, budget spent, or not retryable)
     * @param causes the causes of the retried failures
     */
    public record Report(int retries, int unitsRetried, int unitsFailed, Set<FailureCause> causes) {

        /** Whether anything ran again. */
        public boolean retried() {
            return retries > 0;
        }
    }

    private static final class Tally {
        int retries;
        int unitsRetried;
        int unitsFailed;
        final Set<FailureCause> causes = EnumSet.noneOf(FailureCause.class);

        void reset() {
            retries = 0;
            unitsRetried = 0;
            unitsFailed = 0;
            causes.clear();
        }
    }
}
