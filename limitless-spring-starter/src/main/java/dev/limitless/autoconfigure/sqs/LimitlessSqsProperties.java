package dev.limitless.autoconfigure.sqs;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The shard-grouped SQS batch writer's defaults ({@code limitless.sqs.*}), applied by {@link ShardGroupedWriters}. */
@ConfigurationProperties("limitless.sqs")
public class LimitlessSqsProperties {

    /** Whether to configure {@code ShardGroupedWriters} and the {@code limitless.sqs.*} meters. */
    private boolean enabled = true;

    /**
     * Most shard-group transactions at once per writer, over all its batches (so most database connections it
     * takes). Keep it at or below the pool's maximum size; 1 runs groups one after the other on the calling thread.
     */
    private int maxConcurrentTransactions = 1;

    /**
     * The queue's redrive maxReceiveCount: a failure on that delivery is counted as dead-lettered instead of retried.
     * 0: not known.
     */
    private int maxReceiveCount;

    /** The deduplication table, sharded by the messages' shard key and collocated with the tables they are written to. */
    private String deduplicationTable;

    /** The deduplication table's shard-key column (the same name and type as the collocated tables' key). */
    private String deduplicationShardKeyColumn;

    /** The deduplication table's column holding the message id or payload key. */
    private String deduplicationKeyColumn = "message_key";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxConcurrentTransactions() {
        return maxConcurrentTransactions;
    }

    public void setMaxConcurrentTransactions(int maxConcurrentTransactions) {
        this.maxConcurrentTransactions = maxConcurrentTransactions;
    }

    public int getMaxReceiveCount() {
        return maxReceiveCount;
    }

    public void setMaxReceiveCount(int maxReceiveCount) {
        this.maxReceiveCount = maxReceiveCount;
    }

    public String getDeduplicationTable() {
        return deduplicationTable;
    }

    public void setDeduplicationTable(String deduplicationTable) {
        this.deduplicationTable = deduplicationTable;
    }

    public String getDeduplicationShardKeyColumn() {
        return deduplicationShardKeyColumn;
    }

    public void setDeduplicationShardKeyColumn(String deduplicationShardKeyColumn) {
        this.deduplicationShardKeyColumn = deduplicationShardKeyColumn;
    }

    public String getDeduplicationKeyColumn() {
        return deduplicationKeyColumn;
    }

    public void setDeduplicationKeyColumn(String deduplicationKeyColumn) {
        this.deduplicationKeyColumn = deduplicationKeyColumn;
    }
}
