package dev.limitless.sample.jpa;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;

/** An account; its id is the shard key. {@code @Version} is null while new, so {@code save} persists. */
@Entity
@Table(name = "accounts")
@ShardedTable(shardKey = "account_id")
public class Account {

    @Id
    private UUID accountId;

    private String owner;

    @Version
    private Long version;

    protected Account() {
    }

    public Account(UUID accountId, String owner) {
        this.accountId = accountId;
        this.owner = owner;
    }

    public UUID getAccountId() {
        return accountId;
    }

    public String getOwner() {
        return owner;
    }
}
