package dev.limitless.sample.ledger;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.limitless.catalog.ShardedTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A ledger transaction, stored in {@code transactions}: sharded by {@code account_id} and collocated with
 * {@code accounts}, so an account and its transactions live on the same shard and one database transaction that
 * touches both stays on that shard. The primary key is {@code (account_id, transaction_id)}: it must contain the
 * shard key.
 *
 * @param accountId shard key
 * @param transactionId assigned by the application
 * @param amount signed: positive for a credit, negative for a debit, in {@code currency}
 * @param currency ISO 4217 code of {@code amount}
 * @param status whether the balance changed
 * @param idempotencyKey the caller's {@code Idempotency-Key}, or {@code null}
 * @param createdAt when it was recorded; listings order by it (Limitless sequences are unique, not ordered)
 */
// tag::entity[]
@Table("transactions")
@ShardedTable(shardKey = "account_id", collocateWith = "accounts")
public record Transaction(
        UUID accountId,
        UUID transactionId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String currency,
        TransactionStatus status,
        String idempotencyKey,
        Instant createdAt) {
}
// end::entity[]
