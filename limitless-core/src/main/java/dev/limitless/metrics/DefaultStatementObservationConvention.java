package dev.limitless.metrics;

import io.micrometer.common.KeyValues;

/**
 * Names the observation {@code limitless.statement} (the timer of the metrics reference when the observation
 * registry has a meter handler) with the keys route, table, operation and outcome. The key values are computed
 * once per distinct statement and outcome, so the convention allocates nothing per execution.
 */
public class DefaultStatementObservationConvention implements StatementObservationConvention {

    /** The shared instance. */
    public static final DefaultStatementObservationConvention INSTANCE = new DefaultStatementObservationConvention();

    private static final String[] CONTEXTUAL_NAMES = new String[StatementOperation.values().length];

    static {
        for (StatementOperation operation : StatementOperation.values()) {
            CONTEXTUAL_NAMES[operation.ordinal()] = "limitless " + operation.tag();
        }
    }

    @Override
    public String getName() {
        return MicrometerMetrics.STATEMENT;
    }

    @Override
    public String getContextualName(StatementObservationContext context) {
        return CONTEXTUAL_NAMES[context.operation().ordinal()];
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(StatementObservationContext context) {
        return context.lowCardinalityKeyValues();
    }
}
