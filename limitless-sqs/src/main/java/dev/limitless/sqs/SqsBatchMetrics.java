package dev.limitless.sqs;

/**
 * What the batch writer reports about each batch (meter names in docs/metrics.md, under {@code limitless.sqs.}).
 * {@link #noop()} records nothing; {@link MicrometerSqsBatchMetrics} records into a Micrometer registry.
 */
public interface SqsBatchMetrics {

    /** What became of a message. */
    enum Outcome {
        /** Written by its group's transaction. */
        WRITTEN("written"),
        /** Written before (same idempotency key on the same shard): acknowledged, not written again. */
        DUPLICATE("duplicate"),
        /** Reported as failed; SQS delivers it again after the visibility timeout. */
        RETRIED("retried"),
        /** Reported as failed on its last allowed delivery: SQS moves it to the dead-letter queue. */
        DEAD_LETTERED("dead_lettered");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        /** The {@code outcome} tag value. */
        public String tag() {
            return tag;
        }
    }

    /** A batch was received: its messages and the shard groups they formed. */
    void batch(int messages, int groups);

    /** One group's transaction ended, after {@code nanos}, committed or not. */
    void group(long nanos, boolean committed);

    /** {@code count} messages had this outcome. */
    void messages(Outcome outcome, int count);

    /** Records nothing. */
    static SqsBatchMetrics noop() {
        return NoopSqsBatchMetrics.INSTANCE;
    }
}

enum NoopSqsBatchMetrics implements SqsBatchMetrics {
    INSTANCE;

    @Override
    public void batch(int messages, int groups) {
    }

    @Override
    public void group(long nanos, boolean committed) {
    }

    @Override
    public void messages(Outcome outcome, int count) {
    }
}
