package dev.limitless.sample.ledger;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Accounts, always by their shard key: every statement here runs on one shard. */
interface AccountRepository extends Repository<Account, UUID> {

    Account save(Account account);

    Optional<Account> findById(UUID accountId);

    /** Reads the account and locks its row until the end of the transaction (serializes writes per account). */
    @Query("SELECT * FROM accounts WHERE account_id = :accountId FOR UPDATE")
    Optional<Account> lockById(@Param("accountId") UUID accountId);

    /** Adds {@code delta} to the balance unless that would make it negative; returns the rows changed (0 or 1). */
    @Modifying
    @Query("UPDATE accounts SET balance = balance + :delta, version = version + 1"
            + " WHERE account_id = :accountId AND balance + :delta >= 0")
    int applyToBalance(@Param("accountId") UUID accountId, @Param("delta") BigDecimal delta);
}
