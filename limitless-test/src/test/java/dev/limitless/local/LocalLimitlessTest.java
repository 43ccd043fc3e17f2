package dev.limitless.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@LimitlessPostgres(shards = 8)
class LocalLimitlessTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void auroraStyleDdlCreatesHashPartitionedTable() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE accounts (account_id uuid PRIMARY KEY, owner text NOT NULL, balance numeric(19,2) DEFAULT 0);
                    COMMIT;
                    """);
            assertThat(partitions(s, "accounts")).hasSize(8);
            assertThat(rows(s, "SELECT table_type || ' ' || distribution_key FROM rds_aurora.limitless_tables WHERE table_name = 'accounts'"))
                    .containsExactly("sharded HASH (account_id)");
            assertThat(rows(s, "SELECT conname FROM pg_constraint WHERE conrelid = 'accounts'::regclass AND contype = 'p'"))
                    .containsExactly("accounts_pkey");
            assertThat(rows(s, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'accounts'::regclass AND adnum = 3"))
                    .containsExactly("0");
        }
    }

    @Test
    void collocatedTableWithMultiColumnPrimaryKeyAndSerialId() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"customer_id"}';
                    CREATE TABLE customers (customer_id bigint PRIMARY KEY, name text);
                    COMMIT;
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"customer_id"}';
                    SET LOCAL rds_aurora.limitless_create_table_collocate_with='customers';
                    CREATE TABLE orders (customer_id bigint NOT NULL, order_id bigserial, placed_at timestamptz DEFAULT now(),
                                         PRIMARY KEY (customer_id, order_id), UNIQUE (order_id, customer_id));
                    COMMIT;
                    """);
            assertThat(partitions(s, "orders")).hasSize(8);
            assertThat(rows(s, "SELECT count(DISTINCT collocation_id) FROM rds_aurora.limitless_table_collocations WHERE table_name IN ('customers', 'orders')"))
                    .containsExactly("1");
            s.execute("INSERT INTO orders (customer_id) VALUES (1), (2)");
            assertThat(rows(s, "SELECT order_id FROM orders ORDER BY order_id")).containsExactly("1", "2");
            // the serial's sequence now belongs to the sharded table and goes with it
            s.execute("DROP TABLE orders");
            assertThat(rows(s, "SELECT count(*) FROM pg_class WHERE relname = 'orders_order_id_seq'")).containsExactly("0");
        }
    }

    @Test
    void referenceTableIsRecordedAndNeedsPrimaryKey() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='reference';
                    CREATE TABLE currencies (code char(3) PRIMARY KEY, rate numeric NOT NULL);
                    COMMIT;
                    """);
            assertThat(rows(s, "SELECT table_type || '/' || coalesce(distribution_key, '-') FROM rds_aurora.limitless_tables WHERE table_name = 'currencies'"))
                    .containsExactly("reference/-");
            assertThat(partitions(s, "currencies")).isEmpty();
            assertThatThrownBy(() -> s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='reference';
                    CREATE TABLE countries (code char(2), name text);
                    COMMIT;
                    """)).hasMessageContaining("table countries: a reference table needs a primary key");
            s.execute("ROLLBACK");
        }
    }

    @Test
    void noModeMeansStandardTable() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE audit_log (id bigserial PRIMARY KEY, note text)");
            assertThat(rows(s, "SELECT table_type FROM rds_aurora.limitless_tables WHERE table_name = 'audit_log'")).containsExactly("standard");
            assertThat(partitions(s, "audit_log")).isEmpty();
        }
    }

    @Test
    void primaryKeyWithoutShardKeyIsRefusedNamingTableAndRule() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE wrong_pk (id bigint PRIMARY KEY, account_id bigint NOT NULL, email text UNIQUE);
                    COMMIT;
                    """))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("table wrong_pk: primary key wrong_pk_pkey must contain the shard key (account_id)")
                    .hasMessageContaining("table wrong_pk: unique constraint wrong_pk_email_key must contain the shard key (account_id)");
            s.execute("ROLLBACK");
        }
    }

    @Test
    void everyCreationRuleIsReportedAtOnce() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE parent_standard (id int PRIMARY KEY)");
            String longName = "t".repeat(55);
            assertThatThrownBy(() -> s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"k\"}';"
                    + " CREATE TABLE " + longName + " (k int, n int GENERATED ALWAYS AS IDENTITY, p int REFERENCES parent_standard (id))"
                    + " WITH (fillfactor = 70); COMMIT;"))
                    .hasMessageContaining("at most 54 characters")
                    .hasMessageContaining("IDENTITY columns (n)")
                    .hasMessageContaining("FOREIGN KEY in CREATE TABLE is not supported")
                    .hasMessageContaining("storage parameters");
            s.execute("ROLLBACK");
        }
    }

    @Test
    void missingOrUnknownShardKeyIsExplained() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " CREATE TABLE no_key (k int PRIMARY KEY); COMMIT;"))
                    .hasMessageContaining("no shard key; SET LOCAL rds_aurora.limitless_create_table_shard_key");
            s.execute("ROLLBACK");
            assertThatThrownBy(() -> s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"nope\"}';"
                    + " CREATE TABLE bad_key (k int PRIMARY KEY); COMMIT;"))
                    .hasMessageContaining("shard key column(s) {nope} do not exist; columns are: k");
            s.execute("ROLLBACK");
            assertThatThrownBy(() -> s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='not an array';"
                    + " CREATE TABLE bad_literal (k int PRIMARY KEY); COMMIT;"))
                    .hasMessageContaining("invalid value for parameter \"rds_aurora.limitless_create_table_shard_key\"");
            s.execute("ROLLBACK");
            assertThatThrownBy(() -> s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='shardd';"
                    + " CREATE TABLE typo (k int PRIMARY KEY); COMMIT;"))
                    .hasMessageContaining("invalid value for parameter \"rds_aurora.limitless_create_table_mode\": \"shardd\"");
            s.execute("ROLLBACK");
        }
    }

    @Test
    void collocationNeedsSameShardKeyNamesAndTypes() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"tenant_id\"}';"
                    + " CREATE TABLE tenants (tenant_id bigint PRIMARY KEY); COMMIT;");
            assertThatThrownBy(() -> s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"tenant_id\"}';"
                    + " SET LOCAL rds_aurora.limitless_create_table_collocate_with='tenants';"
                    + " CREATE TABLE tenant_notes (tenant_id text, note text); COMMIT;"))
                    .hasMessageContaining("collocated tables need shard keys with the same names and types")
                    .hasMessageContaining("{bigint}").hasMessageContaining("{text}");
            s.execute("ROLLBACK");
            assertThatThrownBy(() -> s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"tenant_id\"}';"
                    + " SET LOCAL rds_aurora.limitless_create_table_collocate_with='no_such_table';"
                    + " CREATE TABLE orphan (tenant_id bigint); COMMIT;"))
                    .hasMessageContaining("names table \"no_such_table\", which does not exist");
            s.execute("ROLLBACK");
        }
    }

    @Test
    void shardKeyUpdateIsRefusedLikeAurora() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"wallet_id\"}';"
                    + " CREATE TABLE wallets (wallet_id int PRIMARY KEY, balance int); COMMIT;");
            s.execute("INSERT INTO wallets VALUES (1, 10)");
            s.execute("UPDATE wallets SET balance = 11 WHERE wallet_id = 1");
            assertThatThrownBy(() -> s.execute("UPDATE wallets SET wallet_id = 2 WHERE wallet_id = 1"))
                    .hasMessageContaining("Shard key column update is not supported");
            assertThatThrownBy(() -> s.execute("INSERT INTO wallets VALUES (1, 0) ON CONFLICT (wallet_id) DO UPDATE SET wallet_id = 3"))
                    .hasMessageContaining("Shard key column update is not supported");
            assertThatThrownBy(() -> s.execute("ALTER TABLE wallets DROP COLUMN wallet_id")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("ALTER TABLE wallets ALTER COLUMN wallet_id TYPE bigint")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void conversionsKeepEveryRowIndexAndName() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE legacy_events (tenant_id int NOT NULL, event_id bigserial, payload text,
                                                PRIMARY KEY (tenant_id, event_id));
                    CREATE INDEX legacy_events_payload_idx ON legacy_events (payload);
                    INSERT INTO legacy_events (tenant_id, payload) SELECT g % 37, 'p' || g FROM generate_series(1, 1000) g;
                    CREATE TABLE legacy_codes (code text PRIMARY KEY, label text);
                    INSERT INTO legacy_codes SELECT 'c' || g, 'l' || g FROM generate_series(1, 50) g;
                    """);
            s.execute("CALL rds_aurora.limitless_alter_table_type_sharded('public.legacy_events', ARRAY['tenant_id'])");
            s.execute("CALL rds_aurora.limitless_alter_table_type_reference('public.legacy_codes')");
            assertThat(rows(s, "SELECT count(*) || '/' || count(DISTINCT event_id) || '/' || sum(tenant_id) FROM legacy_events"))
                    .containsExactly("1000/1000/" + sumOfModulo(1000, 37));
            assertThat(partitions(s, "legacy_events")).hasSize(8);
            assertThat(rows(s, "SELECT indexname FROM pg_indexes WHERE tablename = 'legacy_events' ORDER BY 1"))
                    .containsExactly("legacy_events_payload_idx", "legacy_events_pkey");
            assertThat(rows(s, "SELECT count(*) FROM legacy_codes")).containsExactly("50");
            assertThat(rows(s, "SELECT table_name || ':' || table_type FROM rds_aurora.limitless_tables WHERE table_name LIKE 'legacy%' ORDER BY 1"))
                    .containsExactly("legacy_codes:reference", "legacy_events:sharded");
            s.execute("INSERT INTO legacy_events (tenant_id, payload) VALUES (1, 'after')");
            assertThat(rows(s, "SELECT max(event_id) FROM legacy_events")).containsExactly("1001");
            assertThatThrownBy(() -> s.execute("CALL rds_aurora.limitless_alter_table_type_sharded('public.legacy_events', ARRAY['tenant_id'])"))
                    .hasMessageContaining("already a sharded table");
            assertThatThrownBy(() -> s.execute("CALL rds_aurora.limitless_alter_table_type_sharded('public.nowhere', ARRAY['k'])"))
                    .hasMessageContaining("relation \"public.nowhere\" does not exist");
        }
    }

    @Test
    void failedConversionLeavesTheTableAsItWas() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE keep_me (id int PRIMARY KEY, owner int); INSERT INTO keep_me VALUES (1, 1), (2, 2);");
            assertThatThrownBy(() -> s.execute("CALL rds_aurora.limitless_alter_table_type_sharded('keep_me', ARRAY['owner'])"))
                    .hasMessageContaining("primary key keep_me_pkey must contain the shard key (owner)");
            assertThat(rows(s, "SELECT count(*) FROM keep_me")).containsExactly("2");
            assertThat(rows(s, "SELECT table_type FROM rds_aurora.limitless_tables WHERE table_name = 'keep_me'")).containsExactly("standard");
        }
    }

    @Test
    void foreignKeysFollowAuroraPairs() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='reference';
                    CREATE TABLE fk_currencies (code text PRIMARY KEY); COMMIT;
                    BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"owner_id"}';
                    CREATE TABLE fk_owners (owner_id int PRIMARY KEY); COMMIT;
                    BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"owner_id"}';
                    SET LOCAL rds_aurora.limitless_create_table_collocate_with='fk_owners';
                    CREATE TABLE fk_items (owner_id int, item_id int, currency text, PRIMARY KEY (owner_id, item_id)); COMMIT;
                    BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"owner_id"}';
                    CREATE TABLE fk_loose (owner_id int PRIMARY KEY); COMMIT;
                    """);
            s.execute("ALTER TABLE fk_items ADD CONSTRAINT items_owner FOREIGN KEY (owner_id) REFERENCES fk_owners (owner_id)");
            s.execute("ALTER TABLE fk_items ADD CONSTRAINT items_currency FOREIGN KEY (currency) REFERENCES fk_currencies (code)");
            assertThatThrownBy(() -> s.execute("ALTER TABLE fk_loose ADD CONSTRAINT loose_owner FOREIGN KEY (owner_id) REFERENCES fk_owners (owner_id)"))
                    .hasMessageContaining("the tables are not collocated");
            assertThatThrownBy(() -> s.execute("CREATE TABLE fk_standard (id int PRIMARY KEY, owner_id int REFERENCES fk_owners (owner_id))"))
                    .hasMessageContaining("foreign key fk_standard_owner_id_fkey from standard table fk_standard to sharded table fk_owners is not supported");
        }
    }

    @Test
    void installingTwiceIsHarmlessAndLeavesUserTablesAlone() throws SQLException {
        try (TestDatabase plain = PostgresServers.shared().createDatabase("plain", 0);
             Connection c = plain.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE existing (id int PRIMARY KEY); INSERT INTO existing VALUES (1), (2)");
            assertThat(LocalLimitless.isInstalled(c)).isFalse();
            LocalLimitless.install(c, 4);
            LocalLimitless.install(c, 4);
            assertThat(LocalLimitless.shardCount(c)).isEqualTo(4);
            assertThat(rows(s, "SELECT count(*) FROM existing")).containsExactly("2");
            assertThat(rows(s, "SELECT table_type FROM rds_aurora.limitless_tables WHERE table_name = 'existing'")).containsExactly("standard");
            s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"id\"}'; CREATE TABLE after_install (id int PRIMARY KEY); COMMIT;");
            assertThatThrownBy(() -> LocalLimitless.install(c, 8))
                    .hasMessageContaining("installed with 4 shards and sharded tables exist");
            assertThat(LocalLimitless.shardCount(c)).isEqualTo(4);
            assertThatThrownBy(() -> LocalLimitless.install(c, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void installingNeedsASuperuser() throws SQLException {
        try (TestDatabase plain = PostgresServers.shared().createDatabase("nosuper", 0);
             Connection admin = plain.connect(); Statement s = admin.createStatement()) {
            s.execute("DROP ROLE IF EXISTS limitless_app; CREATE ROLE limitless_app LOGIN PASSWORD 'app-secret'");
            try (Connection app = java.sql.DriverManager.getConnection(plain.jdbcUrl(), "limitless_app", "app-secret")) {
                assertThatThrownBy(() -> LocalLimitless.install(app, 4))
                        .hasMessageContaining("needs a superuser")
                        .hasMessageContaining("limitless_app");
            }
        }
    }

    private static long sumOfModulo(int n, int modulus) {
        long sum = 0;
        for (int g = 1; g <= n; g++) {
            sum += g % modulus;
        }
        return sum;
    }

    private static List<String> partitions(Statement s, String table) throws SQLException {
        return rows(s, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = to_regclass('" + table + "') AND c.relkind = 'r' ORDER BY 1");
    }

    static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
