package dev.limitless.sample.ledger;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.util.List;

/**
 * Failed transactions over every account, hence over every shard.
 *
 * @param failedTransactions how many there are
 * @param byCurrency counts and totals per currency, ordered by currency code
 */
public record FailedTransactionsReport(long failedTransactions, List<CurrencyTotal> byCurrency) {

    /**
     * Failed transactions in one currency.
     *
     * @param currency ISO 4217 code
     * @param count how many
     * @param amount their signed sum
     */
    public record CurrencyTotal(String currency, long count, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }
}
