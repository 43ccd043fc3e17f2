package dev.limitless.autoconfigure.sqs;

import dev.limitless.sqs.DeduplicationTable;
import dev.limitless.sqs.GroupHandler;
import dev.limitless.sqs.MessageMapping;
import dev.limitless.sqs.ShardGroupedBatchWriter;
import dev.limitless.sqs.SqsBatchMetrics;
import javax.sql.DataSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Makes {@link ShardGroupedBatchWriter}s on the application's (guarded) DataSource and transaction manager, with
 * the {@code limitless.sqs.*} defaults and the {@code limitless.sqs.*} meters. The returned builder can override
 * any of them.
 *
 * <pre>
 * &#64;Bean
 * ShardGroupedBatchWriter&lt;Booking&gt; bookingWriter(ShardGroupedWriters writers, BookingService bookings) {
 *     return writers.builder(MessageMapping.annotated(Booking.class, Booking::parse),
 *             group -&gt; group.payloads().forEach(bookings::book)).build();
 * }
 * </pre>
 */
public final class ShardGroupedWriters {

    private final DataSource dataSource;
    private final PlatformTransactionManager transactionManager;
    private final SqsBatchMetrics metrics;
    private final LimitlessSqsProperties properties;

    ShardGroupedWriters(DataSource dataSource, PlatformTransactionManager transactionManager, SqsBatchMetrics metrics,
            LimitlessSqsProperties properties) {
        this.dataSource = dataSource;
        this.transactionManager = transactionManager;
        this.metrics = metrics;
        this.properties = properties;
        if (properties.getMaxConcurrentTransactions() < 1) {
            throw new IllegalArgumentException("limitless.sqs.max-concurrent-transactions must be 1 or more, was "
                    + properties.getMaxConcurrentTransactions());
        }
        if (hasText(properties.getDeduplicationTable()) && !hasText(properties.getDeduplicationShardKeyColumn())) {
            throw new IllegalArgumentException("limitless.sqs.deduplication-table is set but not"
                    + " limitless.sqs.deduplication-shard-key-column: name the table's shard-key column too.");
        }
    }

    /** A writer builder with the application's DataSource, transaction manager, meters and defaults. */
    public <T> ShardGroupedBatchWriter.Builder<T> builder(MessageMapping<T> mapping, GroupHandler<T> handler) {
        ShardGroupedBatchWriter.Builder<T> builder = ShardGroupedBatchWriter.builder(dataSource, mapping, handler)
                .transactionManager(transactionManager)
                .metrics(metrics)
                .maxConcurrentTransactions(properties.getMaxConcurrentTransactions())
                .maxReceiveCount(properties.getMaxReceiveCount());
        if (hasText(properties.getDeduplicationTable())) {
            builder.deduplication(new DeduplicationTable(properties.getDeduplicationTable(),
                    properties.getDeduplicationShardKeyColumn(), properties.getDeduplicationKeyColumn()));
        }
        return builder;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
