package dev.limitless.autoconfigure.jpa.ledger;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "accounts")
@ShardedTable(shardKey = "account_id")
public class Account {

    @Id
    private UUID accountId;

    private String owner;

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
