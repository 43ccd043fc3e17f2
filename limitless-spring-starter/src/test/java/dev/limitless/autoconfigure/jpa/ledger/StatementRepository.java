package dev.limitless.autoconfigure.jpa.ledger;

import dev.limitless.jpa.ShardedJpaRepository;
import java.util.List;
import java.util.UUID;

public interface StatementRepository extends ShardedJpaRepository<Statement, Statement.Key> {

    /** Resolved to the named query {@code Statement.forAccount}. */
    List<Statement> forAccount(UUID accountId);

    List<Statement> findByAccountIdAndMonthIn(UUID accountId, List<String> months);
}
