package dev.limitless.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.ShardCatalog;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The families of statements through which the first guard failed open, each judged by the rule the guard now
 * follows. PostgreSQL's own verdicts on the same shapes are checked by GuardAdversarialCorpusTest on the emulation.
 */
class GuardFailsClosedTest {

    static final ShardCatalog CATALOG = CatalogFile.parse("""
            tables:
              - name: accounts
                mode: sharded
                shardKey: [account_id]
                shardKeyTypes: [bigint]
              - name: transactions
                mode: sharded
                shardKey: [account_id]
                shardKeyTypes: [bigint]
                collocateWith: accounts
              - name: orders
                mode: sharded
                shardKey: [customer_id]
                shardKeyTypes: [bigint]
              - name: entries
                schema: ledger
                mode: sharded
                shardKey: [account_id]
              - name: currencies
                mode: reference
            """, "test.yaml", "public");

    final ShardScopeGuard guard = ShardScopeGuard.of(CATALOG);

    @ParameterizedTest
    @ValueSource(strings = {
        // parser divergence: IN (...) OR ..., JSON operators before AND/OR
        "DELETE FROM orders WHERE customer_id = 7 AND order_id IN (1, 2) OR total = 3",
        "SELECT * FROM accounts WHERE owner::json->>'a' = 'x' AND account_id = 7 OR balance > 1",
        // clauses a walker can miss
        "SELECT * FROM accounts WHERE account_id = 7 OFFSET (SELECT count(*) FROM orders)",
        "SELECT DISTINCT ON ((SELECT max(total) FROM orders)) * FROM accounts WHERE account_id = 7",
        "SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM orders)) FROM accounts WHERE account_id = 7",
        "SELECT substring(owner from (SELECT count(*)::int FROM orders)) FROM accounts WHERE account_id = 7",
        "SELECT * FROM unnest(ARRAY(SELECT customer_id FROM orders))",
        // values whose type casts the key column
        "SELECT * FROM accounts WHERE account_id = 7.0",
        "SELECT * FROM accounts WHERE account_id = 1e1",
        "SELECT * FROM accounts WHERE account_id = 7::numeric",
        "SELECT * FROM accounts WHERE account_id = 7::double precision",
        "SELECT * FROM accounts WHERE account_id = 99999999999999999999",
        // arrays that bound nothing
        "SELECT * FROM accounts WHERE account_id = ANY(ARRAY[account_id])",
        "SELECT * FROM accounts WHERE account_id = ANY(ARRAY(SELECT account_id FROM transactions))",
        "SELECT * FROM accounts WHERE account_id = ANY('{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17}')",
        "SELECT * FROM accounts WHERE account_id = ANY(string_to_array('1,2', ',')::bigint[])",
        // names the text renames
        "SELECT * FROM orders AS o(a, b) WHERE o.a = 7",
        "WITH c(customer_id) AS (SELECT order_id FROM orders) SELECT * FROM c WHERE customer_id = 7",
        "SELECT * FROM U&\"\\006f\\0072ders\" WHERE total > 1",
        "SET search_path TO ledger; SELECT * FROM entries",
        // planner imitation
        "SELECT * FROM orders o LEFT JOIN (SELECT * FROM orders WHERE customer_id = 7) d ON d.customer_id = o.customer_id",
        "SELECT * FROM accounts a WHERE EXISTS (SELECT count(*) FROM transactions t WHERE t.account_id = a.account_id AND t.account_id = 7)",
        "SELECT * FROM accounts a WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id AND t.account_id = 7 OFFSET 0)",
        "WITH c AS (SELECT * FROM orders ORDER BY random()) SELECT * FROM c WHERE customer_id = 7",
        "WITH c AS (SELECT * FROM orders FOR UPDATE) SELECT * FROM c WHERE customer_id = 7",
        "WITH c AS (SELECT *, nextval('s') FROM orders) SELECT * FROM c WHERE customer_id = 7",
        "SELECT * FROM (SELECT customer_id, sum(total) FROM orders GROUP BY ROLLUP(customer_id)) d WHERE customer_id = 7",
        // an OR branch restricting one key column twice differently: PostgreSQL's pruning gives up (found by GuardFuzz)
        "SELECT o.customer_id FROM orders o WHERE (o.customer_id = 1) OR (o.customer_id = 630 AND o.customer_id IN (316, 189)"
                + " AND 582 = o.customer_id)",
        // statement kinds beyond SELECT/INSERT/UPDATE/DELETE
        "TRUNCATE orders",
        "EXPLAIN ANALYZE DELETE FROM orders",
        "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM orders",
        "COPY (SELECT * FROM orders) TO STDOUT",
        "COPY orders TO STDOUT",
        "PREPARE p AS DELETE FROM orders",
        "DO $$ BEGIN DELETE FROM orders; END $$",
        "DECLARE c CURSOR FOR SELECT * FROM orders",
        "CREATE TABLE x AS SELECT * FROM orders",
        "CREATE MATERIALIZED VIEW mv AS SELECT * FROM orders",
        "MERGE INTO orders o USING accounts a ON o.customer_id = a.account_id WHEN MATCHED THEN DELETE",
        // SQL run from text
        "SELECT query_to_xml('select * from orders', true, false, '')",
        "SELECT table_to_xml('orders', true, false, '')",
        // several statements in one text
        "BEGIN; UPDATE orders SET total = 0; COMMIT",
        "SELECT 1 /* limitless:allow-scatter */; DELETE FROM orders",
        "SHOW search_path; DELETE FROM orders",
        "SELECT * FROM orders /* do not add limitless:allow-scatter here */",
        "SELECT * FROM orders -- limitless:allow-scatter",
        // the lexer reads what PostgreSQL reads
        "SELECT * FROM orders WHERE customer_id = 1 -- c\r OR true",
        "SELECT $€$ /* limitless:allow-scatter */ $€$, * FROM orders",
        "SELECT 1 AS €$x$; DELETE FROM orders; SELECT $x$",
        "SELECT '\\' /* limitless:allow-scatter */ ', * FROM orders",
        "SELECT * FROM accounts WHERE (account_id = 7; DELETE FROM accounts)"
    })
    void refuses(String sql) {
        assertThat(guard.verdict(sql).refused()).as(sql + " " + guard.verdict(sql).reasons()).isTrue();
        assertThatThrownBy(() -> guard.check(sql)).isInstanceOf(ShardScopeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM orders WHERE total IN (1, 2) AND customer_id = 7",
        "SELECT * FROM accounts WHERE account_id = '7'",
        "SELECT * FROM accounts WHERE account_id = 7::bigint",
        "SELECT * FROM accounts WHERE account_id = 7::int",
        "SELECT * FROM accounts WHERE account_id = ?",
        "SELECT * FROM accounts WHERE account_id = ANY(ARRAY[7, 8])",
        "SELECT * FROM accounts WHERE account_id = ANY(?)",
        "WITH c AS (SELECT * FROM orders) SELECT * FROM c WHERE customer_id = 7",
        "WITH c AS NOT MATERIALIZED (SELECT * FROM orders) SELECT * FROM c WHERE customer_id = 7",
        "WITH accounts AS (SELECT 1 AS account_id) SELECT * FROM accounts",
        "SELECT * FROM accounts a WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id) AND a.account_id = 7",
        "SELECT * FROM (SELECT account_id AS x FROM accounts) a JOIN transactions t ON t.account_id = a.x WHERE t.account_id = 7",
        "SELECT \"accounts\".\"account_id\" FROM \"accounts\" WHERE \"accounts\".\"account_id\" = ? FOR UPDATE OF \"accounts\"",
        "SELECT a.*, t.* FROM accounts a JOIN transactions t ON t.account_id = a.account_id WHERE a.account_id = 7",
        "EXPLAIN SELECT * FROM orders",
        "CREATE TABLE x AS SELECT * FROM orders WITH NO DATA",
        "BEGIN; UPDATE orders SET total = 0 WHERE customer_id = ?; COMMIT",
        "SELECT * FROM orders /* limitless:allow-scatter */",
        "SELECT * FROM orders /* limitless:allow-scatter nightly report */",
        "SELECT 1; DELETE FROM orders /* limitless:allow-scatter */",
        "CREATE INDEX ON orders (total)",
        "ALTER TABLE orders ADD COLUMN note text",
        "SELECT * FROM entries",
        "SELECT 'a;b', $$ ; $$ FROM accounts WHERE account_id = 7"
    })
    void allows(String sql) {
        assertThat(guard.verdict(sql).refused()).as(sql + " " + guard.verdict(sql).reasons()).isFalse();
    }

    @Test
    void aHintOptsInOnlyItsOwnStatement() {
        Verdict verdict = guard.verdict("SELECT * FROM orders /* limitless:allow-scatter */; SELECT * FROM accounts");
        assertThat(verdict.refused()).isTrue();
        assertThat(verdict.analysis().parts()).hasSize(2);
    }

    @Test
    void aKeyParameterBoundWithACastingTypeIsRefusedAndRebindingALongLiftsIt() throws Exception {
        Verdict verdict = guard.check("SELECT * FROM orders WHERE customer_id = ?");
        KeyBindings bindings = guard.keyBindings(verdict);
        bindings.bound(1, 7L);
        bindings.check();
        bindings.bound(1, new java.math.BigDecimal("7"));
        assertThatThrownBy(bindings::check).isInstanceOf(ScatterRefusedException.class).hasMessageContaining("parameter 1");
        bindings.boundAs(1, java.sql.Types.DOUBLE);
        assertThatThrownBy(bindings::check).isInstanceOf(ScatterRefusedException.class);
        bindings.bound(1, 7L);
        bindings.check();
        // an INSERT assigns the value to the column: no cast of the key, no check
        assertThat(guard.keyBindings(guard.check("INSERT INTO orders (customer_id, order_id) VALUES (?, ?)"))).isNull();
        try (ShardScope scope = ShardScope.allowScatter("bulk export")) {
            bindings.bound(1, 7.0d);
            bindings.check();
        }
    }

    @Test
    void refusalsShowNoLiteralOrComment() {
        assertThatThrownBy(() -> guard.check("SELECT * FROM orders WHERE note = $$ssn 078-05-1120$$ /* secret */"
                + " OR total = E'4111\\'1111' OR total = 12345"))
                .isInstanceOf(ScatterRefusedException.class)
                .hasMessageNotContaining("078-05-1120").hasMessageNotContaining("secret")
                .hasMessageNotContaining("4111").hasMessageNotContaining("12345");
    }

    @Test
    void aTimedOutParseIsCountedAndNeverCachedAsFinal() {
        AtomicInteger timeouts = new AtomicInteger();
        // a long list of strings takes JSqlParser far longer than the 1 ms budget
        String sql = "SELECT * FROM accounts WHERE owner IN ("
                + String.join(", ", java.util.Collections.nCopies(900, "'some owner name'")) + ") AND account_id = ?";
        try (ShardScopeGuard slow = ShardScopeGuard.builder(CATALOG).parseTimeout(Duration.ofMillis(1))
                .timeoutListener(timeouts::incrementAndGet).build()) {
            Verdict first = slow.verdict(sql);
            assertThat(first.route()).isEqualTo(Route.UNKNOWN);
            assertThat(first.refused()).isTrue();
            assertThat(timeouts.get()).isEqualTo(1);
            StatementAnalysis second = slow.analyze(sql);
            // either analyzed again (and timed out again) or answered by the background retry: never the cached UNKNOWN
            assertThat(second.route() != Route.UNKNOWN || timeouts.get() >= 2).isTrue();
        }
    }
}
