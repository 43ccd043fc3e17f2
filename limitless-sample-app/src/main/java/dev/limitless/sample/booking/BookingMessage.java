package dev.limitless.sample.booking;

import dev.limitless.catalog.ShardedTable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of {@code booking_messages}, the batch writer's deduplication table (written by limitless-sqs, never by the
 * sample): sharded by {@code account_id} and collocated with {@code accounts}, so the row that marks a booking
 * message as written lands on the account's shard, in the same transaction as the booking.
 *
 * @param accountId shard key
 * @param messageKey the booking's request key
 * @param processedAt when it was written
 */
@Table("booking_messages")
@ShardedTable(shardKey = "account_id", collocateWith = "accounts")
public record BookingMessage(UUID accountId, String messageKey, Instant processedAt) {
}
