package dev.limitless.sqs;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of SQS messages to Aurora PostgreSQL Limitless Database one shard at a time: the messages are
 * decoded, grouped by shard key, and each group is written in one transaction on its key's shard, never one
 * transaction across shards. In the group's transaction, the writer first claims every message in the
 * {@link DeduplicationTable} ({@code INSERT ... ON CONFLICT DO NOTHING}); only the messages claimed now reach the
 * {@link GroupHandler}, so a redelivered or duplicated message is written at most once. A group that fails rolls
 * back alone and its messages are reported as failed ({@link BatchResult#failedMessageIds()}), so only they return
 * to the queue.
 *
 * <p>At most {@code maxConcurrentTransactions} group transactions run at once over all batches this writer serves
 * (so at most that many connections are taken from the pool); with more than one, a batch's groups run in
 * parallel on the writer's threads. Every statement goes through the {@link DataSource} given, which under the
 * limitless starter is the guarded one: guard, pinning check and meters apply as to any statement.
 *
 * <pre>{@code
 * ShardGroupedBatchWriter<Booking> writer = ShardGroupedBatchWriter
 *         .builder(dataSource, MessageMapping.annotated(Booking.class, body -> json.readValue(body, Booking.class)),
 *                 group -> group.payloads().forEach(bookings::book))
 *         .deduplication(DeduplicationTable.of("booking_messages", "account_id"))
 *         .transactionManager(transactionManager)
 *         .maxConcurrentTransactions(4)
 *         .maxReceiveCount(5)
 *         .build();
 * BatchResult result = writer.write(messages);
 * }</pre>
 *
 * Thread-safe. {@link #close()} stops its threads.
 */
public final class ShardGroupedBatchWriter<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShardGroupedBatchWriter.class);
    private static final AtomicInteger WRITERS = new AtomicInteger();

    private final MessageMapping<T> mapping;
    private final GroupHandler<T> handler;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String claimSql;
    private final int maxConcurrentTransactions;
    private final int maxReceiveCount;
    private final SqsBatchMetrics metrics;
    private final Semaphore permits;
    private final ExecutorService executor;

    private ShardGroupedBatchWriter(Builder<T> builder) {
        this.mapping = builder.mapping;
        this.handler = builder.handler;
        this.jdbc = new JdbcTemplate(builder.dataSource);
        this.transactions = new TransactionTemplate(builder.transactionManager != null ? builder.transactionManager
                : new DataSourceTransactionManager(builder.dataSource));
        this.claimSql = builder.deduplication.insertSql();
        this.maxConcurrentTransactions = builder.maxConcurrentTransactions;
        this.maxReceiveCount = builder.maxReceiveCount;
        this.metrics = builder.metrics;
        this.permits = new Semaphore(maxConcurrentTransactions, true);
        this.executor = maxConcurrentTransactions == 1 ? null
                : Executors.newFixedThreadPool(maxConcurrentTransactions, threads(WRITERS.incrementAndGet()));
    }

    /**
     * A builder.
     *
     * @param dataSource the application's (guarded) DataSource; the transaction manager must manage it
     * @param mapping how a message becomes a payload with a shard key
     * @param handler writes one group, inside its transaction
     */
    public static <T> Builder<T> builder(DataSource dataSource, MessageMapping<T> mapping, GroupHandler<T> handler) {
        return new Builder<>(dataSource, mapping, handler);
    }

    /** The most group transactions this writer runs at once. */
    public int maxConcurrentTransactions() {
        return maxConcurrentTransactions;
    }

    /**
     * Writes one batch. Returns normally whatever the groups did (failures are in the result); an {@link Error}
     * thrown by the handler propagates, leaving the batch unacknowledged: SQS delivers it again, and the groups
     * committed before are recognised as duplicates.
     */
    public BatchResult write(List<QueueMessage> batch) {
        Objects.requireNonNull(batch, "batch");
        List<String> failed = new ArrayList<>();
        Map<Object, List<DecodedMessage<T>>> byKey = new LinkedHashMap<>();
        for (QueueMessage message : batch) {
            try {
                DecodedMessage<T> decoded = mapping.decode(message);
                byKey.computeIfAbsent(decoded.shardKey(), key -> new ArrayList<>()).add(decoded);
            } catch (RuntimeException e) {
                log.warn("{}", e.getMessage());
                fail(List.of(message), failed);
            }
        }
        metrics.batch(batch.size(), byKey.size());
        List<ShardGroup<T>> groups = new ArrayList<>(byKey.size());
        byKey.forEach((key, messages) -> groups.add(new ShardGroup<>(key, messages)));

        int[] counts = new int[2]; // written, duplicates
        if (executor == null || groups.size() == 1) {
            for (ShardGroup<T> group : groups) {
                collect(group, runGroup(group), counts, failed);
            }
        } else {
            List<Future<GroupOutcome>> futures = new ArrayList<>(groups.size());
            for (ShardGroup<T> group : groups) {
                futures.add(executor.submit(() -> runGroup(group)));
            }
            boolean interrupted = false;
            for (int i = 0; i < groups.size(); i++) {
                GroupOutcome outcome;
                try {
                    outcome = interrupted ? GroupOutcome.NOT_RUN : futures.get(i).get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    outcome = GroupOutcome.NOT_RUN;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    outcome = GroupOutcome.NOT_RUN;
                }
                collect(groups.get(i), outcome, counts, failed);
            }
            if (interrupted) {
                // groups still running may commit; their messages are reported failed and come back as duplicates
                Thread.currentThread().interrupt();
            }
        }
        metrics.messages(SqsBatchMetrics.Outcome.WRITTEN, counts[0]);
        metrics.messages(SqsBatchMetrics.Outcome.DUPLICATE, counts[1]);
        return new BatchResult(batch.size(), groups.size(), counts[0], counts[1], failed);
    }

    private void collect(ShardGroup<T> group, GroupOutcome outcome, int[] counts, List<String> failed) {
        if (outcome.committed()) {
            counts[0] += outcome.written();
            counts[1] += group.messages().size() - outcome.written();
        } else {
            fail(group.messages().stream().map(DecodedMessage::message).toList(), failed);
        }
    }

    private void fail(List<QueueMessage> messages, List<String> failed) {
        int deadLettered = 0;
        for (QueueMessage message : messages) {
            failed.add(message.messageId());
            if (maxReceiveCount > 0 && message.receiveCount() >= maxReceiveCount) {
                deadLettered++;
            }
        }
        metrics.messages(SqsBatchMetrics.Outcome.DEAD_LETTERED, deadLettered);
        metrics.messages(SqsBatchMetrics.Outcome.RETRIED, messages.size() - deadLettered);
    }

    private GroupOutcome runGroup(ShardGroup<T> group) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GroupOutcome.NOT_RUN;
        }
        long start = System.nanoTime();
        boolean committed = false;
        try {
            Integer written = transactions.execute(status -> {
                List<DecodedMessage<T>> fresh = claim(group);
                if (!fresh.isEmpty()) {
                    try {
                        handler.write(fresh.size() == group.messages().size() ? group
                                : new ShardGroup<>(group.shardKey(), fresh));
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new GroupWriteException(e);
                    }
                }
                return fresh.size();
            });
            committed = true;
            return new GroupOutcome(true, written == null ? 0 : written);
        } catch (RuntimeException e) {
            Throwable cause = e instanceof GroupWriteException ? e.getCause() : e;
            log.warn("A shard group of {} message(s) was rolled back and returns to the queue: {}{}",
                    group.messages().size(), cause.getClass().getName(), sqlState(cause));
            log.debug("Rolled-back shard group", cause);
            return GroupOutcome.NOT_RUN;
        } finally {
            permits.release();
            metrics.group(System.nanoTime() - start, committed);
        }
    }

    /** Inserts the group's idempotency rows; returns the messages not written before, in order. */
    private List<DecodedMessage<T>> claim(ShardGroup<T> group) {
        List<DecodedMessage<T>> messages = group.messages();
        int[] inserted = jdbc.execute(claimSql, (PreparedStatement statement) -> {
            if (messages.size() == 1) {
                bind(statement, messages.get(0));
                return new int[] {statement.executeUpdate()};
            }
            for (DecodedMessage<T> message : messages) {
                bind(statement, message);
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            for (int count : counts) {
                if (count == Statement.SUCCESS_NO_INFO) {
                    // a driver that rewrites batches (reWriteBatchedInserts) hides which rows were new: claim one by one
                    counts = new int[messages.size()];
                    for (int i = 0; i < messages.size(); i++) {
                        bind(statement, messages.get(i));
                        counts[i] = statement.executeUpdate();
                    }
                    break;
                }
            }
            return counts;
        });
        List<DecodedMessage<T>> fresh = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            if (inserted[i] > 0) {
                fresh.add(messages.get(i));
            }
        }
        return fresh;
    }

    private static void bind(PreparedStatement statement, DecodedMessage<?> message) throws SQLException {
        statement.setObject(1, message.shardKey());
        statement.setString(2, message.idempotencyKey());
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return " (SQLState " + sql.getSQLState() + ")";
            }
        }
        return "";
    }

    private static ThreadFactory threads(int writer) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "limitless-sqs-" + writer + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
        }
    }

    private record GroupOutcome(boolean committed, int written) {
        static final GroupOutcome NOT_RUN = new GroupOutcome(false, 0);
    }

    /** A checked exception of the handler, carried out of the transaction callback so that it rolls back. */
    private static final class GroupWriteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GroupWriteException(Exception cause) {
            super(cause);
        }
    }

    /** Builds a {@link ShardGroupedBatchWriter}. */
    public static final class Builder<T> {

        private final DataSource dataSource;
        private final MessageMapping<T> mapping;
        private final GroupHandler<T> handler;
        private DeduplicationTable deduplication;
        private PlatformTransactionManager transactionManager;
        private int maxConcurrentTransactions = 1;
        private int maxReceiveCount;
        private SqsBatchMetrics metrics = SqsBatchMetrics.noop();

        private Builder(DataSource dataSource, MessageMapping<T> mapping, GroupHandler<T> handler) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.mapping = Objects.requireNonNull(mapping, "mapping");
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** Required: where the writer records which messages were written (see {@link DeduplicationTable}). */
        public Builder<T> deduplication(DeduplicationTable table) {
            this.deduplication = Objects.requireNonNull(table, "table");
            return this;
        }

        /**
         * The transaction manager of {@code dataSource} (Spring's, so that repositories and {@code @Transactional}
         * services called by the handler join the group's transaction); default: a
         * {@link DataSourceTransactionManager} on it.
         */
        public Builder<T> transactionManager(PlatformTransactionManager manager) {
            this.transactionManager = Objects.requireNonNull(manager, "manager");
            return this;
        }

        /**
         * The most group transactions (so database connections) at once, over every batch; 1 (the default) runs
         * groups one after the other on the calling thread, as a Lambda function with a one-connection pool should.
         * Keep it at or below the pool's maximum size.
         */
        public Builder<T> maxConcurrentTransactions(int max) {
            if (max < 1 || max > 1024) {
                throw new IllegalArgumentException("maxConcurrentTransactions must be between 1 and 1024, was " + max);
            }
            this.maxConcurrentTransactions = max;
            return this;
        }

        /**
         * The queue's redrive {@code maxReceiveCount}: a failure at that receive count is counted as dead-lettered,
         * not retried. 0 (the default): not known, every failure counts as retried.
         */
        public Builder<T> maxReceiveCount(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("maxReceiveCount must be 0 (unknown) or more, was " + count);
            }
            this.maxReceiveCount = count;
            return this;
        }

        /** Where to record batch sizes, groups, group latency and outcomes; default: nowhere. */
        public Builder<T> metrics(SqsBatchMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * The writer.
         *
         * @throws IllegalStateException when no {@link #deduplication(DeduplicationTable)} was given
         */
        public ShardGroupedBatchWriter<T> build() {
            if (deduplication == null) {
                throw new IllegalStateException("Give the writer a deduplication table (deduplication("
                        + "DeduplicationTable.of(\"my_messages\", \"account_id\"))): without it, a redelivered message"
                        + " would be written twice. DeduplicationTable.limitlessDdl(...) prints its DDL.");
            }
            return new ShardGroupedBatchWriter<>(this);
        }
    }
}
