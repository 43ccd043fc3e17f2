package dev.limitless.sample.tenant;

import dev.limitless.guard.ShardScoped;
import dev.limitless.repository.ShardedRepository;
import dev.limitless.sample.ledger.Account;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;

/** The account of the active shard key: no key predicate, Aurora appends the key. */
// tag::repository[]
interface TenantAccounts extends ShardedRepository<Account, UUID> {

    @ShardScoped
    @Query("SELECT * FROM accounts")
    Optional<Account> current();
}
// end::repository[]
