package dev.limitless.sample.jpa;

import dev.limitless.guard.AllowScatter;
import dev.limitless.jpa.ShardedJpaRepository;
import java.util.UUID;

public interface AccountRepository extends ShardedJpaRepository<Account, UUID> {

    @AllowScatter(reason = "operations report: number of accounts")
    long count();
}
