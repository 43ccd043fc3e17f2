package dev.limitless.metrics;

/**
 * The meters of one distinct statement (its route, table and operation), resolved once by
 * {@link LimitlessMetrics#statementMeters(String, String, StatementOperation)} and kept with the statement's cached
 * analysis, so that measuring an execution is a {@link #start()} and one call on the sample.
 */
public interface StatementMeters {

    /** Starts measuring one execution. */
    StatementSample start();
}
