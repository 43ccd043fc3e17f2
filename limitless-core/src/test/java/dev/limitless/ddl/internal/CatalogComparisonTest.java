package dev.limitless.ddl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.ShardCatalog;
import org.junit.jupiter.api.Test;

class CatalogComparisonTest {

    private static final String DECLARED = """
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
              - name: audit
                mode: standard
            """;

    @Test
    void agreeingCatalogsHaveNoDifferences() {
        ShardCatalog declared = CatalogFile.parse(DECLARED, "declared.yaml", "public");
        assertThat(CatalogComparison.differences(declared, CatalogFile.parse(DECLARED, "live", "public"))).isEmpty();
    }

    @Test
    void tablesOnlyTheDatabaseHasAsShardedOrReferenceAreUndeclared() {
        ShardCatalog declared = CatalogFile.parse("""
                tables:
                  - name: accounts
                    mode: sharded
                    shardKey: [account_id]
                """, "declared.yaml", "public");
        ShardCatalog live = CatalogFile.parse(DECLARED, "live", "public");

        assertThat(CatalogComparison.undeclared(declared, live)).hasSize(2)
                .anySatisfy(d -> assertThat(d).startsWith("public.transactions is sharded in the database (shard key account_id)"))
                .anySatisfy(d -> assertThat(d).startsWith("public.currencies is reference in the database").contains("@ReferenceTable"))
                .noneSatisfy(d -> assertThat(d).contains("audit"));
    }

    @Test
    void listsEveryDifferenceWithWhereItWasDeclared() {
        ShardCatalog declared = CatalogFile.parse(DECLARED, "declared.yaml", "public");
        ShardCatalog live = CatalogFile.parse("""
                tables:
                  - name: accounts
                    mode: sharded
                    shardKey: [owner_id]
                  - name: transactions
                    mode: sharded
                    shardKey: [account_id]
                  - name: extra
                    mode: reference
                """, "live", "public");
        assertThat(CatalogComparison.differences(declared, live)).satisfiesExactly(
                accounts -> assertThat(accounts).startsWith("public.accounts is declared with shard key (account_id) (declared.yaml:2)")
                        .contains("shards it by (owner_id)"),
                accountsGroup -> assertThat(accountsGroup).startsWith("public.accounts is declared collocated with public.transactions"),
                transactions -> assertThat(transactions).startsWith("public.transactions is declared collocated with public.accounts (declared.yaml:5)")
                        .contains("in the database it is not collocated with another table"),
                currencies -> assertThat(currencies).startsWith("public.currencies is declared reference (declared.yaml:9)")
                        .contains("as a standard table or not at all"));
    }
}
