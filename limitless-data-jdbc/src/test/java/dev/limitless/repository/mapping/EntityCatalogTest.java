package dev.limitless.repository.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.EntityTable;
import dev.limitless.catalog.EntityTable.EntityColumn;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.ShardKey;
import dev.limitless.catalog.ShardedTable;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.repository.mapping.entities.Account;
import dev.limitless.repository.mapping.entities.Currency;
import dev.limitless.repository.mapping.entities.LedgerEntry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

class EntityCatalogTest {

    @Test
    void readsTableNamesShardKeysAndCollocationLikeSpringDataMapsThem() {
        ShardCatalog catalog = EntityCatalog.from("public", Account.class, LedgerEntry.class, Currency.class);

        assertThat(catalog.tables()).map(TableDefinition::describe).containsExactly(
                "sharded public.accounts (account_id)",
                "sharded public.ledger_entry (account_id) collocated with public.accounts",
                "reference public.currency");
        assertThat(catalog.find(TableName.of("public", "ledger_entry")).orElseThrow().source())
                .isEqualTo("entity dev.limitless.repository.mapping.entities.LedgerEntry");
    }

    @Test
    void describesColumnsWithPropertyPathsForCompositeIdsAndEmbeddedValues() {
        EntityTable entry = EntityCatalog.describe(LedgerEntry.class, "public");

        assertThat(entry.columns()).map(column -> column.propertyPath() + "=" + column.column()).containsExactly(
                "id.accountId=account_id", "id.entryNo=entry_no", "value.amount=value_amount",
                "value.currency=value_currency", "reversed=reversed");
        assertThat(entry.idColumns()).map(EntityColumn::column).containsExactly("account_id", "entry_no");
        assertThat(entry.shardKeyColumns()).map(EntityColumn::propertyPath).containsExactly("id.accountId");
        assertThat(EntityCatalog.describe(Account.class, "public").columns()).map(EntityColumn::column)
                .containsExactly("account_id", "owner_name", "currency", "balance", "opened_at");
    }

    @Test
    void scansPackagesForAnnotatedEntities() {
        assertThat(EntityCatalog.entityClasses("dev.limitless.repository.mapping.entities"))
                .containsExactly(Account.class, Currency.class, LedgerEntry.class);
        assertThat(EntityCatalog.scan("public", "dev.limitless.repository.mapping.entities").tables()).hasSize(3);
    }

    @ShardedTable(shardKey = "tenant")
    @Table(name = "accounts")
    static class OtherAccount {
        @Id
        Long tenant;
    }

    @Test
    void conflictingEntityAndFileDefinitionsNameBothSources() {
        ShardCatalog fromFile = CatalogFile.parse("tables:\n  - name: accounts\n    mode: reference\n", "catalog.yaml", "public");

        assertThatThrownBy(() -> ShardCatalog.merge(List.of(EntityCatalog.from("public", Account.class), fromFile)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("entity dev.limitless.repository.mapping.entities.Account")
                .hasMessageContaining("catalog.yaml:2");
        assertThatThrownBy(() -> EntityCatalog.from("public", Account.class, OtherAccount.class))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("entity dev.limitless.repository.mapping.entities.Account")
                .hasMessageContaining("entity dev.limitless.repository.mapping.EntityCatalogTest$OtherAccount");
    }

    @ShardedTable(shardKey = "account_id")
    static class KeyTwice {
        @Id
        @ShardKey
        Long accountId;
    }

    @ShardedTable
    static class NoKey {
        @Id
        Long id;
    }

    @ShardedTable(shardKey = "tenant_id")
    static class UnknownKey {
        @Id
        Long id;
    }

    @Test
    void contradictoryAnnotationsAreRefusedNamingTheClassAndTheFix() {
        assertThatThrownBy(() -> EntityCatalog.describe(KeyTwice.class, "public")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("KeyTwice names its shard key both");
        assertThatThrownBy(() -> EntityCatalog.describe(NoKey.class, "public")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("NoKey is a @ShardedTable without a shard key");
        assertThatThrownBy(() -> EntityCatalog.describe(UnknownKey.class, "public")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("shard-key column tenant_id is not a column of the entity; its columns are [id]");
    }
}
