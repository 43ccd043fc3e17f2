package dev.limitless.repository.mapping;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.ShardedTable;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/** Names from entities are refused, naming the class, before any DDL. */
class EntityNamesTest {

    @Table("evil\nDROP TABLE canary; --")
    static class EvilTable {
        @Id
        Long id;
    }

    @Table("ledger")
    static class EvilColumn {
        @Id
        Long id;
        @Column("note\r\nDROP TABLE canary")
        String note;
    }

    @ShardedTable(shardKey = "id")
    @Table("ledger_entries_partitioned_by_account_and_day_for_seven_years")
    static class LongShardedName {
        @Id
        Long id;
    }

    @Test
    void anEntityTableNameWithALineBreakIsRefusedNamingTheClass() {
        assertThatThrownBy(() -> EntityCatalog.describe(EvilTable.class, "public"))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("entity " + EvilTable.class.getName() + ": the table name 'evil\\u000ADROP TABLE")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anEntityColumnNameWithALineBreakIsRefusedNamingTheField() {
        assertThatThrownBy(() -> EntityCatalog.describe(EvilColumn.class, "public"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(EvilColumn.class.getName())
                .hasMessageContaining("column name of note")
                .hasMessageContaining("U+000D");
    }

    @Test
    void aShardedEntityNameOver54CharactersIsRefusedNamingTheClass() {
        assertThatThrownBy(() -> EntityCatalog.describe(LongShardedName.class, "public"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(LongShardedName.class.getName())
                .hasMessageContaining("at most 54");
    }
}
