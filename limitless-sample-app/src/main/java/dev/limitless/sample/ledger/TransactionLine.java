package dev.limitless.sample.ledger;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A transaction as listed for its account, with the exchange rate of its currency (joined from the reference table
 * {@code currencies} on the account's shard).
 *
 * @param transactionId assigned by the application
 * @param amount signed amount in {@code currency}
 * @param currency ISO 4217 code
 * @param status whether the balance changed
 * @param createdAt when it was recorded
 * @param rateToEur the currency's rate to the euro
 * @param amountInEur {@code amount} in euros, rounded to cents
 */
public record TransactionLine(
        UUID transactionId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String currency,
        TransactionStatus status,
        Instant createdAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rateToEur,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountInEur) {
}
