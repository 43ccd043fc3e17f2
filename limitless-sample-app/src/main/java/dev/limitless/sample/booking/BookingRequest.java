package dev.limitless.sample.booking;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.limitless.sample.ledger.Direction;
import dev.limitless.sample.ledger.NewTransaction;
import dev.limitless.sqs.MessageIdempotencyKey;
import dev.limitless.sqs.MessageShardKey;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The body of a booking message on the queue: a transaction to record on an account, asynchronously.
 *
 * @param accountId the shard key: the batch writer groups messages by it and writes each group on its shard
 * @param requestKey the idempotency key: the client's {@code Idempotency-Key}, or one the API generated; the
 *     transaction is recorded under it, so a redelivered or resent message is booked once
 * @param amount positive, at most two decimals
 * @param currency ISO 4217 code
 * @param direction {@code CREDIT} or {@code DEBIT}
 */
public record BookingRequest(
        @MessageShardKey UUID accountId,
        @MessageIdempotencyKey String requestKey,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String currency,
        Direction direction) {

    static BookingRequest of(UUID accountId, String requestKey, NewTransaction transaction) {
        return new BookingRequest(accountId, requestKey, transaction.amount(), transaction.currency(),
                transaction.directionOrCredit());
    }

    NewTransaction transaction() {
        return new NewTransaction(amount, currency, direction);
    }
}
