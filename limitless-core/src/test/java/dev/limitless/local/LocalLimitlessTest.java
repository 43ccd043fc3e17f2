package dev.limitless.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.test.LimitlessPostgres;
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
            assertThat(queryList(s, "SELECT relname FROM pg_class WHERE relispartition AND relkind = 'r' AND relname LIKE 'accounts\\_shard%' ORDER BY 1")).hasSize(8);
            assertThat(queryList(s, "SELECT table_type || ' ' || distribution_key FROM rds_aurora.limitless_tables WHERE table_name = 'accounts'"))
                    .containsExactly("sharded HASH (account_id)");
            assertThat(queryList(s, "SELECT conname FROM pg_constraint WHERE conrelid = 'accounts'::regclass AND contype = 'p'"))
                    .containsExactly("accounts_pkey");
        }
    }

    @Test
    void primaryKeyWithoutShardKeyIsRefusedNamingTableAndRule() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE wrong_pk (id bigint PRIMARY KEY, account_id bigint NOT NULL);
                    COMMIT;
                    """))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("wrong_pk")
                    .hasMessageContaining("primary key wrong_pk_pkey must contain the shard key (account_id)");
            s.execute("ROLLBACK");
        }
    }

    private static List<String> queryList(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
