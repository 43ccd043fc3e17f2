package dev.limitless.jpa.scanned;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "scanned_wallets")
@ShardedTable(shardKey = "wallet_id")
public class ScannedWallet {

    @Id
    private UUID walletId;
}
