package dev.limitless.benchmarks.jpa;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;

/** The JPA pairs' entity: a sharded table whose id is the shard key; {@code @Version} null while new, so save persists. */
@Entity
@Table(name = "bench_jpa_accounts")
@ShardedTable(shardKey = "account_id")
public class BenchJpaAccount {

    @Id
    private UUID accountId;

    private String owner;

    private long balance;

    @Version
    private Long version;

    protected BenchJpaAccount() {
    }

    public BenchJpaAccount(UUID accountId, String owner, long balance) {
        this.accountId = accountId;
        this.owner = owner;
        this.balance = balance;
    }

    public String getOwner() {
        return owner;
    }
}
