package dev.limitless.sample.tenant;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One account's balance and its transactions by status.
 *
 * @param accountId the account (the active shard key)
 * @param currency its currency
 * @param balance its balance
 * @param byStatus count and total of its transactions per status
 */
public record TenantSummary(UUID accountId, String currency, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal balance,
        List<StatusTotal> byStatus) {

    /**
     * @param status a transaction status
     * @param transactions how many
     * @param total their amounts added up
     */
    public record StatusTotal(String status, long transactions, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total) {
    }
}
