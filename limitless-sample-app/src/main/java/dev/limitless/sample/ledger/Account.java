package dev.limitless.sample.ledger;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.limitless.catalog.ShardedTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An account, stored in the sharded table {@code accounts} with shard key {@code account_id}. The id is assigned by
 * the application (a random UUID), so every statement about an account can name its shard key.
 *
 * @param accountId shard key and primary key
 * @param owner who holds the account
 * @param currency ISO 4217 code of the balance, one of the {@code currencies} reference table
 * @param balance current balance in {@code currency}
 * @param version {@code null} for an account not yet stored (Spring Data JDBC then inserts it)
 * @param createdAt when the account was opened
 */
// tag::entity[]
@Table("accounts")
@ShardedTable(shardKey = "account_id")
public record Account(
        @Id UUID accountId,
        String owner,
        String currency,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal balance,
        @Version @JsonIgnore Long version,
        Instant createdAt) {

    static Account open(String owner, String currency, Instant now) {
        return new Account(UUID.randomUUID(), owner, currency, BigDecimal.ZERO.setScale(2), null, now);
    }

    Account withVersion(Long version) {
        return new Account(accountId, owner, currency, balance, version, createdAt);
    }
}
// end::entity[]
