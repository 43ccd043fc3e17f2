package dev.limitless.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.guard.internal.GuardWarmUp;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardWarmUpTest {

    private static final ShardCatalog FILE = CatalogFile.parse("""
            tables:
              - name: accounts
                mode: sharded
                shardKey: [account_id]
              - name: Transactions
                mode: sharded
                shardKey: [account_id]
                collocateWith: accounts
              - name: line_items
                mode: sharded
                shardKey: [tenant, order_id]
              - name: currencies
                mode: reference
            """, "warm-up test", "public");

    /** As a live catalog reads it: accounts with its columns, so that an UPDATE has a column to set. */
    private static final ShardCatalog LEDGER = ShardCatalog.of("public", FILE.tables().stream()
            .map(table -> table.name().name().equals("accounts") ? new TableDefinition(table.name(), table.mode(),
                    table.shardKey(), table.collocateWith(), table.source(), List.of(), List.of("account_id", "owner", "balance"))
                    : table)
            .toList());

    @Test
    void everyRepresentativeStatementOfASharedTableIsSingleShardAndReferenceReadsAreReferenceReads() {
        ShardScopeGuard guard = ShardScopeGuard.of(LEDGER);
        List<String> statements = GuardWarmUp.statementsOf(LEDGER);
        assertThat(statements).contains(
                "SELECT * FROM public.accounts WHERE account_id = ?",
                "UPDATE public.accounts SET owner = ? WHERE account_id = ?",
                "SELECT * FROM public.transactions WHERE account_id = ?",
                "DELETE FROM public.line_items WHERE tenant = ? AND order_id = ?",
                "SELECT * FROM public.currencies");
        assertThat(statements).anySatisfy(sql -> assertThat(sql).startsWith("SELECT a.*, b.* FROM public.transactions a JOIN public.accounts b"));
        for (String sql : statements) {
            Route route = guard.analyze(sql).route();
            if (sql.equals("SELECT * FROM public.currencies")) {
                assertThat(route).as(sql).isEqualTo(Route.REFERENCE);
            } else {
                assertThat(route).as(sql).isEqualTo(Route.SINGLE_SHARD);
            }
        }
    }

    @Test
    void theTextsAnApplicationNamesAreCachedUnderTheirExactTextAndBlankOnesAreSkipped() {
        ShardScopeGuard guard = ShardScopeGuard.of(LEDGER);
        String declared = "SELECT owner FROM accounts WHERE account_id = :id";
        assertThat(guard.isCached(declared)).isFalse();
        GuardWarmUp.Result result = GuardWarmUp.run(guard, java.util.Arrays.asList(declared, " ", null, declared));
        assertThat(guard.isCached(declared)).isTrue();
        assertThat(result.statements()).isEqualTo(1 + GuardWarmUp.statementsOf(LEDGER).size());
        assertThat(GuardWarmUp.statementsOf(LEDGER)).allSatisfy(sql -> assertThat(guard.isCached(sql)).isTrue());
    }
}
