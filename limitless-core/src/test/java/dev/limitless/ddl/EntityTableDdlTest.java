package dev.limitless.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.catalog.EntityTable;
import dev.limitless.catalog.EntityTable.EntityColumn;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.ddl.LimitlessDdl.Style;
import dev.limitless.ddl.LimitlessDdl.Translation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DDL from described entities, without any mapping framework: what limitless-data-jdbc's entity scan feeds. */
class EntityTableDdlTest {

    private static final TableName ACCOUNTS = new TableName("public", "accounts");
    private static final TableName ENTRIES = new TableName("public", "entries");

    @Test
    void describedEntitiesBecomeCollocationOrderedLimitlessDdl() {
        EntityTable entries = new EntityTable(Long.class, TableDefinition.sharded(ENTRIES, List.of("account_id"), ACCOUNTS,
                "entity Entry"), List.of(new EntityColumn("accountId", "account_id", Long.class, true, true, false),
                        new EntityColumn("id", "id", Long.class, true, false, false),
                        new EntityColumn("note", "note", String.class, false, false, true)));
        EntityTable accounts = new EntityTable(Integer.class, TableDefinition.sharded(ACCOUNTS, List.of("account_id"), null,
                "entity Account"), List.of(new EntityColumn("accountId", "account_id", Long.class, true, true, false)));

        Translation generated = LimitlessDdl.fromEntityTables(ShardCatalog.empty(), TypeMapping.defaults(),
                Style.TRANSACTION_BLOCKS, List.of(entries, accounts));

        assertThat(generated.violations()).isEmpty();
        assertThat(generated.script().indexOf("CREATE TABLE public.accounts")).as("the collocation target first")
                .isLessThan(generated.script().indexOf("CREATE TABLE public.entries"));
        assertThat(generated.script()).contains("""
                CREATE TABLE public.entries (
                    account_id bigint NOT NULL,
                    id bigint NOT NULL,
                    note text,
                    PRIMARY KEY (account_id, id)
                );
                """).contains("SET LOCAL rds_aurora.limitless_create_table_collocate_with = 'public.accounts';");
    }

    @Test
    void twoEntitiesThatDefineOneTableDifferentlyAreRefusedNamingBoth() {
        EntityTable one = new EntityTable(Long.class, TableDefinition.sharded(ACCOUNTS, List.of("id"), null, "entity One"),
                List.of(new EntityColumn("id", "id", Long.class, true, true, false)));
        EntityTable other = new EntityTable(Integer.class, TableDefinition.reference(ACCOUNTS, "entity Other"),
                List.of(new EntityColumn("id", "id", Long.class, true, false, false)));
        assertThatThrownBy(() -> LimitlessDdl.fromEntityTables(ShardCatalog.empty(), TypeMapping.defaults(),
                Style.TRANSACTION_BLOCKS, List.of(one, other)))
                .isInstanceOf(dev.limitless.catalog.CatalogException.class)
                .hasMessageContaining("entity One").hasMessageContaining("entity Other");
    }

    @Test
    void typeOverridesMustBeTypeNames() {
        assertThatThrownBy(() -> TypeMapping.defaults().with(String.class, "text); DROP TABLE x; --"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a PostgreSQL type name");
        assertThat(TypeMapping.defaults().with(String.class, "varchar(20)[]")).isNotNull();
    }

    @Test
    void aGeneratedCommentIsAlwaysOneLine() {
        assertThat(EntityTableDdl.comment("standard public.x\nDROP TABLE canary; --\r\u2028\u0085, from X"))
                .isEqualTo("-- standard public.x?DROP TABLE canary; --???, from X\n");
    }
}
