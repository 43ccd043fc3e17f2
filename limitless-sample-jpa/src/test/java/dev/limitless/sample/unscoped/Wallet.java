package dev.limitless.sample.unscoped;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "wallets")
@ShardedTable(shardKey = "wallet_id")
public class Wallet {

    @Id
    private UUID walletId;

    private String owner;
}
