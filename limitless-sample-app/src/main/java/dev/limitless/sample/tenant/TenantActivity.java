package dev.limitless.sample.tenant;

import dev.limitless.guard.ShardScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of one account written without the shard key: inside an active key (the request's header, or
 * {@code @ShardScoped} over the argument) they run on the account's shard. One transaction, so one
 * {@code SET LOCAL rds_aurora.limitless_active_shard_key} for both statements.
 */
@Service
public class TenantActivity {

    private final TenantAccounts accounts;
    private final JdbcClient jdbc;

    TenantActivity(TenantAccounts accounts, JdbcClient jdbc) {
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    /** The summary of the account that is the active shard key (empty when it does not exist). */
    // tag::summary[]
    @Transactional(readOnly = true)
    public Optional<TenantSummary> summary() {
        return accounts.current().map(account -> new TenantSummary(account.accountId(), account.currency(),
                account.balance(), jdbc.sql("""
                        SELECT status, count(*) AS entries, coalesce(sum(amount), 0) AS total
                          FROM transactions
                         GROUP BY status
                         ORDER BY status""")
                        .query((rs, row) -> new TenantSummary.StatusTotal(rs.getString("status"),
                                rs.getLong("entries"), rs.getBigDecimal("total")))
                        .list()));
    }
    // end::summary[]

    /** The same for an account given as an argument: the annotation opens the key scope. */
    @ShardScoped(key = "#accountId")
    @Transactional(readOnly = true)
    public Optional<TenantSummary> summaryOf(UUID accountId) {
        return summary();
    }

}
