package dev.limitless.autoconfigure.jpa.ledger;

import java.util.List;
import java.util.UUID;

/** Derived queries name the shard key through the embedded id: {@code id.accountId}. */
public interface HoldRepository extends dev.limitless.jpa.ShardedJpaRepository<Hold, Hold.HoldId> {

    List<Hold> findByIdAccountId(UUID accountId);
}
