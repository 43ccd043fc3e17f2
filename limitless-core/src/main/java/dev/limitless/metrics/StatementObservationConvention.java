package dev.limitless.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags the statement observation; implement it to add your own low-cardinality keys. */
public interface StatementObservationConvention extends ObservationConvention<StatementObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof StatementObservationContext;
    }
}
