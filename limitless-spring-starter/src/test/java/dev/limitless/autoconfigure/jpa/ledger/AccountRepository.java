package dev.limitless.autoconfigure.jpa.ledger;

import dev.limitless.guard.AllowScatter;
import dev.limitless.jpa.ShardedJpaRepository;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;

public interface AccountRepository extends ShardedJpaRepository<Account, UUID> {

    @Query("select a from Account a where a.accountId = :accountId")
    Optional<Account> byKey(UUID accountId);

    @AllowScatter(reason = "operations dashboard, once a minute")
    long count();
}
