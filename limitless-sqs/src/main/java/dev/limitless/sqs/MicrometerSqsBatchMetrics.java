package dev.limitless.sqs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The batch writer's meters in a Micrometer registry. Every meter is registered when bound (so dashboards show
 * zero before the first batch) and resolved once; recording allocates nothing.
 *
 * <pre>{@code
 * SqsBatchMetrics metrics = MicrometerSqsBatchMetrics.of(registry);
 * }</pre>
 */
public final class MicrometerSqsBatchMetrics implements SqsBatchMetrics, MeterBinder {

    /** Distribution summary: messages per batch. */
    public static final String BATCH_SIZE = "limitless.sqs.batch.size";
    /** Distribution summary: shard groups (distinct shard keys) per batch. */
    public static final String BATCH_GROUPS = "limitless.sqs.batch.groups";
    /** Timer, tag {@code outcome} ({@code committed}, {@code rolled_back}): one group's transaction. */
    public static final String GROUP = "limitless.sqs.group";
    /** Counter, tag {@code outcome} ({@code written}, {@code duplicate}, {@code retried}, {@code dead_lettered}). */
    public static final String MESSAGES = "limitless.sqs.messages";

    private volatile DistributionSummary batchSize;
    private volatile DistributionSummary batchGroups;
    private volatile Timer committed;
    private volatile Timer rolledBack;
    private final Map<Outcome, Counter> messages = new EnumMap<>(Outcome.class);

    private MicrometerSqsBatchMetrics() {
    }

    /** Metrics bound to {@code registry}. */
    public static MicrometerSqsBatchMetrics of(MeterRegistry registry) {
        MicrometerSqsBatchMetrics metrics = new MicrometerSqsBatchMetrics();
        metrics.bindTo(registry);
        return metrics;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        batchSize = DistributionSummary.builder(BATCH_SIZE).baseUnit("messages")
                .description("Messages per SQS batch handed to the shard-grouped writer").register(registry);
        batchGroups = DistributionSummary.builder(BATCH_GROUPS).baseUnit("groups")
                .description("Shard groups (distinct shard keys) per SQS batch").register(registry);
        committed = Timer.builder(GROUP).tag("outcome", "committed")
                .description("One shard group's transaction").register(registry);
        rolledBack = Timer.builder(GROUP).tag("outcome", "rolled_back")
                .description("One shard group's transaction").register(registry);
        for (Outcome outcome : Outcome.values()) {
            messages.put(outcome, Counter.builder(MESSAGES).tag("outcome", outcome.tag())
                    .description("SQS messages by what the shard-grouped writer did with them").register(registry));
        }
    }

    @Override
    public void batch(int messageCount, int groups) {
        batchSize.record(messageCount);
        batchGroups.record(groups);
    }

    @Override
    public void group(long nanos, boolean wasCommitted) {
        (wasCommitted ? committed : rolledBack).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void messages(Outcome outcome, int count) {
        if (count > 0) {
            messages.get(outcome).increment(count);
        }
    }
}
