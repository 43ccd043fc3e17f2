package dev.limitless.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.limitless.catalog.EntityTable.EntityColumn;
import java.util.List;

/** Names from catalog files and entities are refused, naming the file and line or the class, before any DDL. */
class DeclaredNamesTest {

    private static ShardCatalog yaml(String name, String mode) {
        return CatalogFile.parse("tables:\n  - mode: " + mode + "\n    name: " + name
                + (mode.equals("sharded") ? "\n    shardKey: [account_id]" : "") + "\n", "catalog.yaml", "public");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my table", "ledger-entries", "accounts;drop", "1accounts", "acc\"ounts", "a b"})
    void anUnquotedYamlNameIsNeverSilentlyAltered(String name) {
        assertThatThrownBy(() -> yaml(name, "standard"))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("catalog.yaml:3: ")
                .hasMessageContaining("quote");
    }

    @Test
    void unquotedNamesFoldOnlyAsciiLettersAsPostgresDoes() {
        assertThat(yaml("Ledger_Accounts", "standard").tables()).singleElement()
                .extracting(TableDefinition::name).isEqualTo(TableName.of("public", "ledger_accounts"));
        assertThat(yaml("Écritures", "standard").tables()).singleElement()
                .extracting(table -> table.name().name()).isEqualTo("Écritures");
        assertThat(TableName.parse("  Ledger . \"Out\"  ", "public")).isEqualTo(TableName.of("ledger", "Out"));
    }

    @Test
    void aQuotedYamlNameIsKeptExactly() {
        assertThat(yaml("'\"My Ledger$ \"\"entries\"\"\"'", "standard").tables()).singleElement()
                .extracting(table -> table.name().name()).isEqualTo("My Ledger$ \"entries\"");
    }

    @Test
    void aControlCharacterInAQuotedYamlNameIsRefusedWithFileAndLine() {
        // YAML "\"evil\nDROP TABLE canary; --\"": a quoted SQL name holding a line feed
        assertThatThrownBy(() -> yaml("\"\\\"evil\\nDROP TABLE canary; --\\\"\"", "standard"))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("catalog.yaml:2: ")
                .hasMessageContaining("control character U+000A")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aNameOver63BytesIsRefusedBecausePostgresWouldTruncateIt() {
        String sixtyFourBytes = "ü".repeat(32); // 32 characters, 64 bytes in UTF-8
        assertThatThrownBy(() -> yaml("\"" + sixtyFourBytes + "\"", "standard"))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("catalog.yaml:2: ")
                .hasMessageContaining("64 bytes long")
                .hasMessageContaining("63");
        assertThat(yaml("\"" + "ü".repeat(31) + "x\"", "standard").tables()).hasSize(1);
    }

    @Test
    void shardedAndReferenceTableNamesAreLimitedTo54Characters() {
        String fiftyFive = "t".repeat(55);
        assertThatThrownBy(() -> yaml(fiftyFive, "sharded"))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("catalog.yaml:2: ")
                .hasMessageContaining("55 characters")
                .hasMessageContaining("at most 54");
        assertThatThrownBy(() -> yaml(fiftyFive, "reference")).isInstanceOf(CatalogException.class);
        assertThat(yaml("t".repeat(54), "sharded").tables()).hasSize(1);
        assertThat(yaml(fiftyFive, "standard").tables()).hasSize(1);
    }

    private static EntityTable entity(TableDefinition definition, String column) {
        return new EntityTable(Object.class, definition, List.of(new EntityColumn("field", column, Long.class, true, false, true)));
    }

    @Test
    void anEntityTableRefusesATableNameWithALineBreakNamingItsSource() {
        assertThatThrownBy(() -> entity(TableDefinition.standard(new TableName("public", "evil\nDROP TABLE canary; --"),
                "entity com.example.Evil"), "id"))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("entity com.example.Evil: the table name 'evil\\u000ADROP TABLE")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anEntityTableRefusesAColumnNameWithALineBreakNamingTheProperty() {
        assertThatThrownBy(() -> entity(TableDefinition.standard(new TableName("public", "ledger"), "entity com.example.Ledger"),
                "note\r"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("entity com.example.Ledger")
                .hasMessageContaining("column name of field")
                .hasMessageContaining("U+000D");
    }
}
