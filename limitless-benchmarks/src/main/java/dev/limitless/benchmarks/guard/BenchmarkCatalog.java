package dev.limitless.benchmarks.guard;

import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.ShardCatalog;

/** The catalog of the guard benchmarks: a ledger with two collocated sharded tables and a reference table. */
public final class BenchmarkCatalog {

    public static final ShardCatalog LEDGER = CatalogFile.parse("""
            tables:
              - name: accounts
                mode: sharded
                shardKey: [account_id]
              - name: transactions
                mode: sharded
                shardKey: [account_id]
                collocateWith: accounts
              - name: currencies
                mode: reference
            """, "benchmark catalog", "public");

    /** A typical OLTP statement: a collocated join pinned to one account, with a reference-table join. */
    public static final String OLTP_JOIN = "SELECT a.owner, t.tx_id, t.amount, c.name FROM accounts a"
            + " JOIN transactions t ON t.account_id = a.account_id JOIN currencies c ON c.code = t.currency"
            + " WHERE a.account_id = ? AND t.created_at >= ? ORDER BY t.created_at DESC LIMIT 20";

    static final String PK_SELECT = "SELECT owner, balance FROM accounts WHERE account_id = ?";

    private BenchmarkCatalog() {
    }
}
