package dev.limitless.sample.jpa;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.PartitionKey;

/**
 * A ledger entry: a sequence id, and the account's id as {@code @PartitionKey} shard key, so that Hibernate's UPDATE
 * and DELETE carry it; {@code @DynamicUpdate} keeps the key out of UPDATE's SET.
 */
@Entity
@DynamicUpdate
@Table(name = "entries")
@ShardedTable(shardKey = "account_id", collocateWith = "accounts")
public class Entry {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entry_ids")
    @SequenceGenerator(name = "entry_ids", sequenceName = "entry_ids", allocationSize = 50)
    @Column(name = "entry_id")
    private Long entryId;

    @PartitionKey
    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    private long amountCents;

    private String memo;

    private Instant bookedAt;

    protected Entry() {
    }

    public Entry(UUID accountId, long amountCents, String memo, Instant bookedAt) {
        this.accountId = accountId;
        this.amountCents = amountCents;
        this.memo = memo;
        this.bookedAt = bookedAt;
    }

    public Long getEntryId() {
        return entryId;
    }

    public UUID getAccountId() {
        return accountId;
    }

    public long getAmountCents() {
        return amountCents;
    }

    public String getMemo() {
        return memo;
    }

    public void correctMemo(String memo) {
        this.memo = memo;
    }

    /** Moving an entry to another account is what Limitless cannot do: refused at flush. */
    public void moveTo(UUID otherAccount) {
        this.accountId = otherAccount;
    }
}
