package dev.limitless.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.LiveCatalog;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rds_aurora.limitless_local_present_as_foreign_tables(): tables as Aurora's routers show them. */
class ForeignTablePresentationTest {

    private static final String SCHEMA = """
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';
            CREATE TABLE accounts (account_id bigint PRIMARY KEY, owner text NOT NULL, opened timestamptz DEFAULT now());
            COMMIT;
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';
            SET LOCAL rds_aurora.limitless_create_table_collocate_with = 'accounts';
            CREATE TABLE entries (account_id bigint NOT NULL, entry_id bigserial, amount numeric, PRIMARY KEY (account_id, entry_id));
            COMMIT;
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode = 'reference';
            CREATE TABLE currencies (code char(3) PRIMARY KEY);
            COMMIT;
            CREATE TABLE audit_log (id bigint PRIMARY KEY, note text);
            """;

    @Test
    void jdbcMetadataAndCatalogQueriesSeeForeignTablesWhileTheLimitlessCatalogIsUnchanged() throws SQLException {
        try (TestDatabase database = PostgresServers.shared().createDatabase("foreign_tables", 4)) {
            ShardCatalog before;
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute(SCHEMA);
                before = LiveCatalog.load(c, "public");
                s.execute("CALL rds_aurora.limitless_local_present_as_foreign_tables()");
            }
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                DatabaseMetaData metadata = c.getMetaData();
                List<String> types = new ArrayList<>();
                try (ResultSet rs = metadata.getTables(null, "public", "%", null)) {
                    while (rs.next()) {
                        if (!rs.getString("TABLE_TYPE").contains("SEQUENCE") && !rs.getString("TABLE_TYPE").contains("INDEX")) {
                            types.add(rs.getString("TABLE_NAME") + " " + rs.getString("TABLE_TYPE"));
                        }
                    }
                }
                assertThat(types).containsExactlyInAnyOrder("accounts FOREIGN TABLE", "entries FOREIGN TABLE",
                        "currencies FOREIGN TABLE", "audit_log FOREIGN TABLE");
                try (ResultSet rs = metadata.getTables(null, "public", "accounts", new String[] {"TABLE"})) {
                    assertThat(rs.next()).as("no ordinary table named accounts any more").isFalse();
                }
                assertThat(rows(s, "SELECT table_type FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'accounts'"))
                        .containsExactly("FOREIGN");

                // rds_aurora.limitless_tables, and so LiveCatalog, validate and the CLI, read the same catalog
                assertThat(rows(s, "SELECT schema_name || '.' || table_name || ' ' || table_type || ' ' || coalesce(distribution_key, '-')"
                        + " FROM rds_aurora.limitless_tables ORDER BY 1"))
                        .containsExactly("public.accounts sharded HASH (account_id)", "public.audit_log standard -",
                                "public.currencies reference -", "public.entries sharded HASH (account_id)");
                ShardCatalog after = LiveCatalog.load(c, "public");
                assertThat(after.tables()).containsExactlyInAnyOrderElementsOf(before.tables());
                assertThat(after.find(new TableName("public", "entries")).orElseThrow().mode()).isEqualTo(TableMode.SHARDED);

                // reads and writes go through the foreign tables to the partitioned storage
                s.execute("INSERT INTO accounts (account_id, owner) VALUES (1, 'ann'), (2, 'bob')");
                s.execute("INSERT INTO entries (account_id, amount) VALUES (1, 10), (1, 5)");
                assertThat(rows(s, "SELECT owner || ' ' || count(e.entry_id) FROM accounts a LEFT JOIN entries e USING (account_id)"
                        + " GROUP BY owner ORDER BY owner")).containsExactly("ann 2", "bob 0");
                assertThat(rows(s, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'rds_aurora_local_storage.accounts'::regclass"))
                        .containsExactly("4");
            }
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
