package dev.limitless.autoconfigure.jpa.ledger;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.PartitionKey;

/**
 * A plain sequence id plus a {@code @PartitionKey} shard key: Hibernate's UPDATE and DELETE name both; with
 * {@code @DynamicUpdate} an UPDATE assigns only the changed columns, never the shard key.
 */
@Entity
@DynamicUpdate
@Table(name = "transfers")
@ShardedTable(shardKey = "account_id", collocateWith = "accounts")
public class Transfer {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "transfer_ids")
    @SequenceGenerator(name = "transfer_ids", sequenceName = "transfer_ids", allocationSize = 50)
    private Long id;

    @PartitionKey
    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    private String memo;

    private long amountCents;

    protected Transfer() {
    }

    public Transfer(UUID accountId, String memo, long amountCents) {
        this.accountId = accountId;
        this.memo = memo;
        this.amountCents = amountCents;
    }

    public Long getId() {
        return id;
    }

    public UUID getAccountId() {
        return accountId;
    }

    public void moveTo(UUID otherAccount) {
        this.accountId = otherAccount;
    }

    public String getMemo() {
        return memo;
    }

    public void setMemo(String memo) {
        this.memo = memo;
    }

    public long getAmountCents() {
        return amountCents;
    }
}
