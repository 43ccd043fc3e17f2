package dev.limitless.test.oracle;

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
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@LimitlessPostgres(shards = 16)
class ShardTouchOracleTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @BeforeAll
    static void schema() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE accounts (account_id uuid PRIMARY KEY, owner text, status text);
                    COMMIT;
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    SET LOCAL rds_aurora.limitless_create_table_collocate_with='accounts';
                    CREATE TABLE transactions (account_id uuid, transaction_id bigserial, amount numeric, currency text,
                                               PRIMARY KEY (account_id, transaction_id));
                    COMMIT;
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='reference';
                    CREATE TABLE currencies (code text PRIMARY KEY, rate numeric);
                    COMMIT;
                    CREATE TABLE settings (name text PRIMARY KEY, value text);
                    """);
        }
    }

    @Test
    void keyEqualityWithBindParameterTouchesOneShard() throws SQLException {
        ShardTouch touch = touches("SELECT * FROM accounts WHERE account_id = ?", UUID.randomUUID());
        assertThat(touch.shards("public.accounts")).isEqualTo(1);
        assertThat(touch.singleShard()).isTrue();
        assertThat(touch.touchesEveryShard()).isFalse();
        assertThat(touch.shardCount()).isEqualTo(16);
    }

    @Test
    void keyEqualityWithLiteralTouchesOneShard() throws SQLException {
        assertThat(touches("SELECT owner FROM accounts WHERE account_id = '" + UUID.randomUUID() + "'").shards()).isEqualTo(1);
    }

    @Test
    void unscopedQueryTouchesEveryShard() throws SQLException {
        ShardTouch touch = touches("SELECT * FROM accounts WHERE status = ?", "FAILED");
        assertThat(touch.shards("public.accounts")).isEqualTo(16);
        assertThat(touch.touchesEveryShard()).isTrue();
    }

    @Test
    void inListTouchesOneShardPerDistinctHash() throws SQLException {
        ShardTouch touch = touches("SELECT * FROM accounts WHERE account_id IN (?, ?)", uuidOnShard(0), uuidOnShard(5));
        assertThat(touch.shards()).isEqualTo(2);
        assertThat(touch.touchesEveryShard()).isFalse();
    }

    @Test
    void collocatedJoinOnTheKeyStaysOnOneShard() throws SQLException {
        ShardTouch touch = touches("SELECT * FROM accounts a JOIN transactions t ON t.account_id = a.account_id"
                + " JOIN currencies c ON c.code = t.currency WHERE a.account_id = ?", UUID.randomUUID());
        assertThat(touch.shardsByTable()).containsOnlyKeys("public.accounts", "public.transactions");
        assertThat(touch.shards()).isEqualTo(1);
    }

    @Test
    void joinWithoutTheKeyOnTheSecondTableScattersIt() throws SQLException {
        ShardTouch touch = touches("SELECT * FROM accounts a JOIN transactions t ON t.amount > 0 WHERE a.account_id = ?", UUID.randomUUID());
        assertThat(touch.shards("public.accounts")).isEqualTo(1);
        assertThat(touch.shards("public.transactions")).isEqualTo(16);
        assertThat(touch.touchesEveryShard()).isTrue();
    }

    @Test
    void referenceAndStandardTablesTouchNoShard() throws SQLException {
        ShardTouch touch = touches("SELECT * FROM currencies c, settings s WHERE c.code = s.value");
        assertThat(touch.shardsByTable()).isEmpty();
        assertThat(touch.shards()).isZero();
        assertThat(touch.singleShard()).isTrue();
    }

    @Test
    void updateAndDeleteArePrunedLikeReads() throws SQLException {
        assertThat(touches("UPDATE accounts SET status = 'x' WHERE account_id = ?", UUID.randomUUID()).shards()).isEqualTo(1);
        assertThat(touches("DELETE FROM transactions WHERE amount < 0").shards()).isEqualTo(16);
    }

    @Test
    void insertIsRoutedByItsRowsAndRolledBack() throws SQLException {
        assertThat(touches("INSERT INTO accounts (account_id, owner) VALUES (?, ?)", uuidOnShard(3), "a").shards()).isEqualTo(1);
        assertThat(touches("INSERT INTO accounts (account_id, owner) VALUES (?, 'a'), (?, 'b'), (?, 'c')",
                uuidOnShard(1), uuidOnShard(2), uuidOnShard(4)).shards()).isEqualTo(3);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT count(*) FROM accounts")).containsExactly("0");
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void insertSelectCountsTheReadsAndTheWrites() throws SQLException {
        ShardTouch touch = touches("INSERT INTO transactions (account_id, amount) SELECT account_id, 0 FROM accounts");
        assertThat(touch.shards("public.accounts")).isEqualTo(16);
    }

    @Test
    void keepsTheCallersTransactionOpen() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO settings VALUES ('kept', 'yes')");
            ShardTouchOracle.touches(c, "SELECT * FROM accounts WHERE account_id = ?", UUID.randomUUID());
            assertThat(rows(s, "SELECT value FROM settings WHERE name = 'kept'")).containsExactly("yes");
            c.rollback();
        }
    }

    @Test
    void refusesDatabasesWithoutTheEmulation() throws SQLException {
        try (TestDatabase plain = PostgresServers.shared().createDatabase("plain_oracle", 0); Connection c = plain.connect()) {
            assertThatThrownBy(() -> ShardTouchOracle.touches(c, "SELECT 1"))
                    .hasMessageContaining("emulation is not installed");
        }
    }

    private static ShardTouch touches(String sql, Object... parameters) throws SQLException {
        try (Connection c = database.connect()) {
            return ShardTouchOracle.touches(c, sql, parameters);
        }
    }

    /** A key that lands on the given shard, found by asking PostgreSQL's own hash partitioning. */
    private static UUID uuidOnShard(int shard) throws SQLException {
        try (Connection c = database.connect()) {
            for (int i = 0; i < 10_000; i++) {
                UUID candidate = UUID.randomUUID();
                try (var ps = c.prepareStatement("SELECT satisfies_hash_partition('accounts'::regclass, 16, ?, ?::uuid)")) {
                    ps.setInt(1, shard);
                    ps.setObject(2, candidate);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return candidate;
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("no key found for shard " + shard);
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
