package dev.limitless.autoconfigure.jpa.ledger;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/**
 * A composite id with {@code @IdClass} that contains the shard key, a named query, and a lazy {@code @ManyToOne} to
 * the collocated account that joins on the account's full id (its shard key).
 */
@Entity
@Table(name = "statements")
@IdClass(Statement.Key.class)
@ShardedTable(shardKey = "account_id", collocateWith = "accounts")
@NamedQuery(name = "Statement.forAccount", query = "select s from Statement s where s.accountId = :accountId order by s.month")
public class Statement {

    @Id
    @Column(name = "account_id")
    private UUID accountId;

    @Id
    private String month;

    private long closingCents;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_id", insertable = false, updatable = false)
    private Account account;

    protected Statement() {
    }

    public Statement(UUID accountId, String month, long closingCents) {
        this.accountId = accountId;
        this.month = month;
        this.closingCents = closingCents;
    }

    public String getMonth() {
        return month;
    }

    public Account getAccount() {
        return account;
    }

    public record Key(UUID accountId, String month) implements Serializable {
    }
}
