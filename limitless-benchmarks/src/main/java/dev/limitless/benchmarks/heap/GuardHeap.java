package dev.limitless.benchmarks.heap;

import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.ShardScopeException;
import dev.limitless.guard.ShardScopeGuard;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Heap the guard keeps for {@value #STATEMENTS} distinct statements: live heap after full collections with an empty
 * guard, then after the guard has checked (and cached) that many distinct texts of four OLTP shapes, both measured
 * while the guard is reachable. The difference is the cache's entries, their texts and analyses.
 */
public final class GuardHeap {

    public static final int STATEMENTS = 10_000;
    /** Budget, bytes. */
    public static final long BUDGET_BYTES = 32L * 1024 * 1024;

    static final ShardCatalog CATALOG = CatalogFile.parse("""
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
            """, "heap benchmark", "public");

    /**
     * @param statements  distinct texts checked
     * @param bytes       live heap retained by the guard for them
     * @param meanLength  mean text length, characters
     */
    public record Result(int statements, long bytes, double meanLength) {

        public boolean met() {
            return bytes < BUDGET_BYTES;
        }

        public String summary() {
            return String.format(Locale.ROOT, "guard heap for %,d distinct statements (mean %.0f characters): %.1f MB,"
                    + " budget %d MB: %s", statements, meanLength, bytes / 1048576.0, BUDGET_BYTES / 1048576,
                    met() ? "MET" : "MISSED");
        }
    }

    private GuardHeap() {
    }

    public static Result measure() throws InterruptedException {
        try (ShardScopeGuard guard = ShardScopeGuard.of(CATALOG)) {
            guard.verdict(statement(-1));
            long before = liveHeap();
            long characters = 0;
            for (int i = 0; i < STATEMENTS; i++) {
                String sql = statement(i);
                characters += sql.length();
                try {
                    guard.check(sql);
                } catch (ShardScopeException refused) {
                    // refusals are cached like any verdict
                }
            }
            long after = liveHeap();
            guard.verdict(statement(0)); // keeps the guard and its cache reachable until after the measurement
            return new Result(STATEMENTS, after - before, (double) characters / STATEMENTS);
        }
    }

    /** The {@code i}th distinct text: four shapes an application sends, made distinct as generated SQL is. */
    static String statement(int i) {
        return switch (Math.floorMod(i, 4)) {
            case 0 -> "SELECT a.owner, a.balance, a.status FROM accounts a WHERE a.account_id = ? AND a.status <> 'closed_"
                    + i + "'";
            case 1 -> "SELECT t.tx_id, t.amount, t.currency, c.name FROM transactions t JOIN currencies c ON c.code ="
                    + " t.currency WHERE t.account_id = ? AND t.amount > " + i + " ORDER BY t.created_at DESC LIMIT 20";
            case 2 -> "UPDATE accounts SET balance = balance + ?, updated_at = now() WHERE account_id = ? AND version = "
                    + i;
            default -> "INSERT INTO transactions (account_id, tx_id, amount, currency, note) VALUES (?, ?, ?, ?, 'batch "
                    + i + "')";
        };
    }

    private static long liveHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
