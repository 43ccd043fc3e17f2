package dev.limitless.sample.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code transactions} table through {@link JdbcClient}. Every statement but the last two names the shard key
 * {@code account_id} with an equality, so Limitless runs it on one shard.
 */
@Component
class TransactionJournal {

    private static final String COLUMNS =
            "account_id, transaction_id, amount, currency, status, idempotency_key, created_at";

    private final JdbcClient jdbc;

    TransactionJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Transaction transaction) {
        jdbc.sql("INSERT INTO transactions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(transaction.accountId(), transaction.transactionId(), transaction.amount(),
                        transaction.currency(), transaction.status().name(), transaction.idempotencyKey(),
                        Timestamp.from(transaction.createdAt()))
                .update();
    }

    Optional<Transaction> findByIdempotencyKey(UUID accountId, String idempotencyKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM transactions WHERE account_id = ? AND idempotency_key = ?")
                .params(accountId, idempotencyKey)
                .query(TransactionJournal::transaction)
                .optional();
    }

    /** Newest first by {@code created_at}; the transaction id only breaks ties (ids carry no order). */
    // tag::recent[]
    List<TransactionLine> recent(UUID accountId, int limit) {
        return jdbc.sql("""
                        SELECT t.transaction_id, t.amount, t.currency, t.status, t.created_at, c.rate_to_eur
                          FROM transactions t
                          JOIN currencies c ON c.code = t.currency
                         WHERE t.account_id = ?
                         ORDER BY t.created_at DESC, t.transaction_id DESC
                         LIMIT ?""")
                .params(accountId, limit)
                .query((rs, row) -> {
                    BigDecimal amount = rs.getBigDecimal("amount");
                    BigDecimal rate = rs.getBigDecimal("rate_to_eur");
                    return new TransactionLine(rs.getObject("transaction_id", UUID.class), amount,
                            rs.getString("currency"), TransactionStatus.valueOf(rs.getString("status")),
                            rs.getTimestamp("created_at").toInstant(), rate,
                            amount.multiply(rate).setScale(2, RoundingMode.HALF_EVEN));
                })
                .list();
    }
    // end::recent[]

    /** Reads every shard: there is no account id to route by. */
    List<FailedTransactionsReport.CurrencyTotal> failedByCurrency() {
        return jdbc.sql("""
                        SELECT currency, count(*) AS failed, sum(amount) AS amount
                          FROM transactions
                         WHERE status = 'FAILED'
                         GROUP BY currency
                         ORDER BY currency""")
                .query((rs, row) -> new FailedTransactionsReport.CurrencyTotal(
                        rs.getString("currency"), rs.getLong("failed"), rs.getBigDecimal("amount")))
                .list();
    }

    /**
     * The classic mistake, on purpose: a filter on a column that is not the shard key makes Limitless ask every
     * shard. The guard refuses it before it leaves the JVM.
     */
    // tag::naive[]
    List<Transaction> findByStatus(TransactionStatus status) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM transactions WHERE status = ? ORDER BY created_at DESC LIMIT 100")
                .params(status.name())
                .query(TransactionJournal::transaction)
                .list();
    }
    // end::naive[]

    private static Transaction transaction(ResultSet rs, int row) throws SQLException {
        return new Transaction(rs.getObject("account_id", UUID.class), rs.getObject("transaction_id", UUID.class),
                rs.getBigDecimal("amount"), rs.getString("currency"), TransactionStatus.valueOf(rs.getString("status")),
                rs.getString("idempotency_key"), rs.getTimestamp("created_at").toInstant());
    }
}
