package dev.limitless.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;

/** The meters of one route/table/operation, resolved once; samples record into them without lookups. */
final class MicrometerStatementMeters implements StatementMeters {

    private static final StatementOutcome[] OUTCOMES = StatementOutcome.values();

    private final MicrometerMetrics metrics;
    private final String route;
    private final String table;
    private final StatementOperation operation;
    private final Timer[] timers = new Timer[OUTCOMES.length];
    private final KeyValues[] keyValues = new KeyValues[OUTCOMES.length];
    private final ConcurrentMap<String, Counter> refusals = new ConcurrentHashMap<>();
    private final boolean observed;

    MicrometerStatementMeters(MicrometerMetrics metrics, String route, String table, StatementOperation operation) {
        this.metrics = metrics;
        this.route = route;
        this.table = table;
        this.operation = operation;
        this.observed = !metrics.observations().isNoop();
        for (StatementOutcome outcome : OUTCOMES) {
            keyValues[outcome.ordinal()] = KeyValues.of(
                    KeyValue.of(StatementObservationDocumentation.LowCardinalityKeyNames.ROUTE, route),
                    KeyValue.of(StatementObservationDocumentation.LowCardinalityKeyNames.TABLE, table),
                    KeyValue.of(StatementObservationDocumentation.LowCardinalityKeyNames.OPERATION, operation.tag()),
                    KeyValue.of(StatementObservationDocumentation.LowCardinalityKeyNames.OUTCOME, outcome.tag()));
            if (!observed) {
                timers[outcome.ordinal()] = Timer.builder(MicrometerMetrics.STATEMENT)
                        .description("Statements sent through the guarded data source")
                        .tag("route", route).tag("table", table).tag("operation", operation.tag())
                        .tag("outcome", outcome.tag())
                        .publishPercentileHistogram(metrics.percentileHistogram())
                        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                        .register(metrics.registry());
            }
        }
    }

    @Override
    public StatementSample start() {
        if (observed) {
            StatementObservationContext context = new StatementObservationContext(this);
            Observation observation = StatementObservationDocumentation.STATEMENT.observation(metrics.convention(),
                    DefaultStatementObservationConvention.INSTANCE, () -> context, metrics.observations()).start();
            return new ObservedSample(context, observation);
        }
        return new TimedSample(System.nanoTime());
    }

    String route() {
        return route;
    }

    String table() {
        return table;
    }

    StatementOperation operation() {
        return operation;
    }

    KeyValues keyValues(StatementOutcome outcome) {
        return keyValues[outcome.ordinal()];
    }

    void countRefusal(String reason) {
        String tag = reason == null || reason.isBlank() ? "unknown" : reason.toLowerCase(Locale.ROOT);
        refusals.computeIfAbsent(tag, key -> Counter.builder(MicrometerMetrics.GUARD_REFUSALS)
                .description("Statements refused before they reached the driver")
                .tag("route", route).tag("table", table).tag("reason", key).register(metrics.registry())).increment();
    }

    private final class TimedSample implements StatementSample {

        private final long startNanos;

        TimedSample(long startNanos) {
            this.startNanos = startNanos;
        }

        @Override
        public void success() {
            record(StatementOutcome.SUCCESS);
        }

        @Override
        public void error(Throwable error) {
            record(StatementOutcome.ERROR);
        }

        @Override
        public void refused(String reason) {
            countRefusal(reason);
            record(StatementOutcome.REFUSED);
        }

        private void record(StatementOutcome outcome) {
            timers[outcome.ordinal()].record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }

    private final class ObservedSample implements StatementSample {

        private final StatementObservationContext context;
        private final Observation observation;

        ObservedSample(StatementObservationContext context, Observation observation) {
            this.context = context;
            this.observation = observation;
        }

        @Override
        public void success() {
            observation.stop();
        }

        @Override
        public void error(Throwable error) {
            context.outcome(StatementOutcome.ERROR);
            observation.error(error);
            observation.stop();
        }

        @Override
        public void refused(String reason) {
            countRefusal(reason);
            context.outcome(StatementOutcome.REFUSED);
            observation.stop();
        }
    }
}
