package dev.limitless.autoconfigure.jpa.unscoped;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "jpa_wallets")
@ShardedTable(shardKey = "wallet_id")
public class Wallet {

    @Id
    private UUID walletId;

    private String owner;

    protected Wallet() {
    }
}
