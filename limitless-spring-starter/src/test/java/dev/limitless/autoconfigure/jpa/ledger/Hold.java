package dev.limitless.autoconfigure.jpa.ledger;

import dev.limitless.catalog.ShardedTable;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.util.UUID;

/** A composite {@code @EmbeddedId} that contains the shard key; {@code @Version} tells a new hold from a stored one. */
@Entity
@Table(name = "holds")
@ShardedTable(shardKey = "account_id", collocateWith = "accounts")
public class Hold {

    @EmbeddedId
    private HoldId id;

    private long amountCents;

    @Version
    private Long version;

    protected Hold() {
    }

    public Hold(HoldId id, long amountCents) {
        this.id = id;
        this.amountCents = amountCents;
    }

    public HoldId getId() {
        return id;
    }

    @Embeddable
    public record HoldId(@Column(name = "account_id") UUID accountId, @Column(name = "hold_id") UUID holdId) implements Serializable {
    }
}
