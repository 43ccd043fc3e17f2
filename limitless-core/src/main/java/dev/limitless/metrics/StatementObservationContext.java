package dev.limitless.metrics;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;

/** The context of one {@link StatementObservationDocumentation#STATEMENT} observation. */
public final class StatementObservationContext extends Observation.Context {

    private final MicrometerStatementMeters meters;
    private StatementOutcome outcome = StatementOutcome.SUCCESS;

    StatementObservationContext(MicrometerStatementMeters meters) {
        this.meters = meters;
    }

    /** The route tag value, e.g. {@code single_shard}. */
    public String route() {
        return meters.route();
    }

    /** The table tag value, e.g. {@code public.accounts} or {@code none}. */
    public String table() {
        return meters.table();
    }

    public StatementOperation operation() {
        return meters.operation();
    }

    /** The outcome; {@code success} until the execution ends otherwise. */
    public StatementOutcome outcome() {
        return outcome;
    }

    void outcome(StatementOutcome outcome) {
        this.outcome = outcome;
    }

    /** The default convention's key values, computed once per distinct statement. */
    KeyValues lowCardinalityKeyValues() {
        return meters.keyValues(outcome);
    }
}
