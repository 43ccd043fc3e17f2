package dev.limitless.autoconfigure.catalog.entities;

import dev.limitless.catalog.ShardedTable;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("wallets")
@ShardedTable(shardKey = "wallet_id")
public record Wallet(@Id UUID walletId, String owner) {
}
