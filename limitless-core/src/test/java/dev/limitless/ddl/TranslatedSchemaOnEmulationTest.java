package dev.limitless.ddl;

import static dev.limitless.ddl.SchemaTranslatorTest.catalog;
import static dev.limitless.ddl.SchemaTranslatorTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.LiveCatalog;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.ddl.LimitlessDdl.Style;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@LimitlessPostgres(shards = 4)
class TranslatedSchemaOnEmulationTest {

    @ParameterizedTest
    @EnumSource(Style.class)
    void translatedLedgerSchemaRunsAndCreatesTheDeclaredTables(Style style) throws SQLException {
        ShardCatalog catalog = catalog("ledger-catalog.yaml");
        String script = LimitlessDdl.translate(resource("ledger-schema.sql"), "ledger-schema.sql", catalog, style).scriptOrThrow();

        try (TestDatabase database = PostgresServers.shared().createDatabase("ddl_" + style.name().toLowerCase(), 4);
                Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            if (style == Style.INSIDE_TRANSACTION) {
                connection.setAutoCommit(false);
            }
            statement.execute(script);
            if (style == Style.INSIDE_TRANSACTION) {
                connection.commit();
                connection.setAutoCommit(true);
            }

            assertThat(rows(statement, "SELECT table_name || ' ' || table_type || coalesce(' ' || distribution_key, '')"
                    + " FROM rds_aurora.limitless_tables WHERE table_type <> 'standard' ORDER BY 1"))
                    .containsExactly("accounts sharded HASH (account_id)", "currencies reference",
                            "transactions sharded HASH (account_id)");
            assertThat(rows(statement, "SELECT parent.relname || ' ' || count(*) FROM pg_inherits"
                    + " JOIN pg_class parent ON parent.oid = inhparent WHERE parent.relkind = 'p' GROUP BY parent.relname ORDER BY 1"))
                    .containsExactly("accounts 4", "transactions 4");
            assertThat(rows(statement, "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 AND conrelid::regclass::text IN ('accounts', 'transactions') ORDER BY 1"))
                    .containsExactly("accounts_currency_fkey", "transactions_account_fk");
            assertThat(LiveCatalog.load(connection, "public").collocated(
                    dev.limitless.catalog.TableName.of("public", "transactions"), dev.limitless.catalog.TableName.of("public", "accounts")))
                    .isTrue();
            assertThat(rows(statement, "SELECT current_setting('rds_aurora.limitless_create_table_mode', true)"))
                    .allMatch(value -> value == null || value.isEmpty() || value.equals("standard"));
            assertThat(rows(statement, "SELECT count(*) FROM rds_aurora.limitless_tables WHERE table_name = 'audit_log' AND table_type = 'standard'"))
                    .containsExactly("1");
        }
    }

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @org.junit.jupiter.api.Test
    void convertCallsTurnExistingStandardTablesIntoShardedAndReferenceTables() throws SQLException {
        TableName parent = TableName.of("public", "Kunden Konten");
        TableName child = TableName.of("public", "buchungen");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE \"Kunden Konten\" (\"Konto\" bigint PRIMARY KEY, name text);"
                    + " INSERT INTO \"Kunden Konten\" SELECT g, 'k' || g FROM generate_series(1, 20) g;"
                    + " CREATE TABLE buchungen (\"Konto\" bigint, nr bigint, PRIMARY KEY (\"Konto\", nr));"
                    + " CREATE TABLE laender (code text PRIMARY KEY)");

            String script = LimitlessDdl.convert(TableDefinition.sharded(parent, List.of("Konto"), null, "test"))
                    + LimitlessDdl.convert(TableDefinition.sharded(child, List.of("Konto"), parent, "test"))
                    + LimitlessDdl.convert(TableDefinition.reference(TableName.of("public", "laender"), "test"));
            assertThat(script).isEqualTo("""
                    CALL rds_aurora.limitless_alter_table_type_sharded('public."Kunden Konten"', ARRAY['Konto']);
                    CALL rds_aurora.limitless_alter_table_type_sharded('public.buchungen', ARRAY['Konto'], 'public."Kunden Konten"');
                    CALL rds_aurora.limitless_alter_table_type_reference('public.laender');
                    """);
            statement.execute(script);

            assertThat(rows(statement, "SELECT table_name || ' ' || table_type || coalesce(' ' || distribution_key, '')"
                    + " FROM rds_aurora.limitless_tables WHERE table_type <> 'standard' ORDER BY 1"))
                    .containsExactly("Kunden Konten sharded HASH (\"Konto\")", "buchungen sharded HASH (\"Konto\")", "laender reference");
            assertThat(rows(statement, "SELECT count(*) FROM \"Kunden Konten\"")).containsExactly("20");
            assertThat(LiveCatalog.load(connection, "public").collocated(parent, child)).isTrue();
        }
    }

    static List<String> rows(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
