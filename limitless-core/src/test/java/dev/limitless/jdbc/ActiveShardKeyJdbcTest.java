package dev.limitless.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.guard.ShardScope;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.metrics.MicrometerMetrics;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.pinning.Topology;
import dev.limitless.policy.Policy;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import dev.limitless.test.oracle.ShardTouch;
import dev.limitless.test.oracle.ShardTouchOracle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The active shard key end to end: the local emulation's semantics of {@code rds_aurora.limitless_active_shard_key},
 * and the guarded data source over a real HikariCP pool setting it once per transaction without leaking it to the
 * next user of the pooled connection. The application role is an ordinary role, as on Aurora (PostgreSQL applies
 * row-level security to no superuser).
 */
@LimitlessPostgres(shards = 4)
class ActiveShardKeyJdbcTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private static final ShardCatalog CATALOG = ShardCatalog.of("public", List.of(
            TableDefinition.sharded(new TableName("public", "ak_notes"), List.of("tenant_id"), null, "test"),
            TableDefinition.sharded(new TableName("public", "ak_tags"), List.of("tenant"), null, "test"),
            TableDefinition.sharded(new TableName("public", "ak_pairs"), List.of("region", "tenant_id"), null, "test")));

    private static HikariDataSource pool;
    private static SimpleMeterRegistry registry;
    private static GuardedDataSource guarded;

    @BeforeAll
    static void schema() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            for (String ddl : List.of(
                    "CREATE TABLE ak_notes (tenant_id bigint NOT NULL, note_id bigint NOT NULL, body text, PRIMARY KEY (tenant_id, note_id))",
                    "CREATE TABLE ak_tags (tenant text NOT NULL, tag text NOT NULL, PRIMARY KEY (tenant, tag))")) {
                s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                        + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"" + (ddl.contains("ak_tags") ? "tenant" : "tenant_id")
                        + "\"}'; " + ddl + "; COMMIT;");
            }
            s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"region\",\"tenant_id\"}';"
                    + " CREATE TABLE ak_pairs (region text, tenant_id bigint, v int, PRIMARY KEY (region, tenant_id)); COMMIT;");
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ak_app') THEN"
                    + " CREATE ROLE ak_app LOGIN PASSWORD 'ak_app'; END IF; END $$");
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ak_notes, ak_tags, ak_pairs TO ak_app");
            s.execute("GRANT CREATE ON SCHEMA public TO ak_app");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername("ak_app");
        config.setPassword("ak_app");
        config.setMaximumPoolSize(1);
        pool = new HikariDataSource(config);
        registry = new SimpleMeterRegistry();
        guarded = new GuardedDataSource(pool, ShardScopeGuard.of(CATALOG),
                new PinningDetector(Policy.defaults(PinningReason.class), reason -> { }, Topology.LIMITLESS), MicrometerMetrics.of(registry));
    }

    @AfterAll
    static void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @BeforeEach
    void rows() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM ak_notes; DELETE FROM ak_tags");
            s.execute("INSERT INTO ak_notes VALUES (1, 1, 'one'), (2, 2, 'two'), (2, 3, 'two-b'), (3, 4, 'three')");
        }
    }

    @Test
    void emulationRestrictsKeyLessStatementsAndFillsKeyLessInserts() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET rds_aurora.limitless_active_shard_key = '{\"2\"}'");
            assertThat(strings(s, "SELECT body FROM ak_notes ORDER BY note_id")).containsExactly("two", "two-b");
            s.execute("INSERT INTO ak_notes (note_id, body) VALUES (5, 'two-c')");
            assertThat(s.executeUpdate("UPDATE ak_notes SET body = body || '!'")).isEqualTo(3);
            assertThat(s.executeUpdate("DELETE FROM ak_notes WHERE body = 'two-b!'")).isEqualTo(1);
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM ak_pairs"))
                    .as("a table of another key arity").hasMessageContaining("not compatible with table ak_pairs");
            assertThatThrownBy(() -> s.execute("INSERT INTO ak_notes (tenant_id, note_id) VALUES (3, 9)"))
                    .hasMessageContaining("active shard key");
            s.execute("RESET rds_aurora.limitless_active_shard_key");
        }
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT tenant_id || ':' || body FROM ak_notes ORDER BY note_id"))
                    .containsExactly("1:one", "2:two!", "3:three", "2:two-c!");
            // a superuser bypasses row-level security, but not the trigger: UPDATE and DELETE stay scoped
            s.execute("SET rds_aurora.limitless_active_shard_key = '{\"1\"}'");
            assertThat(s.executeUpdate("DELETE FROM ak_notes")).isEqualTo(1);
            s.execute("INSERT INTO ak_notes (note_id, body) VALUES (6, 'one-b')");
            s.execute("RESET rds_aurora.limitless_active_shard_key");
            assertThat(strings(s, "SELECT tenant_id || ':' || body FROM ak_notes WHERE note_id = 6")).containsExactly("1:one-b");
        }
    }

    @Test
    void anOrdinaryRoleCreatesShardedTablesThatHonourTheKey() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"code\"}';"
                    + " CREATE TABLE IF NOT EXISTS ak_owned (code varchar(8), n int, PRIMARY KEY (code, n)); COMMIT;");
            s.execute("INSERT INTO ak_owned VALUES ('a', 1), ('b', 2)");
            s.execute("SET rds_aurora.limitless_active_shard_key = '{\"b\"}'");
            s.execute("INSERT INTO ak_owned (n) VALUES (3)");
            assertThat(strings(s, "SELECT code || n FROM ak_owned ORDER BY n")).containsExactly("b2", "b3");
            assertThat(s.executeUpdate("DELETE FROM ak_owned")).isEqualTo(2);
            s.execute("RESET rds_aurora.limitless_active_shard_key");
            assertThat(strings(s, "SELECT code || n FROM ak_owned")).containsExactly("a1");
            s.execute("DROP TABLE ak_owned");
        }
    }

    @Test
    void setsTheKeyOncePerTransactionAndNeverLeaksItToTheNextUserOfThePooledConnection() throws SQLException {
        double before = sets("transaction");
        try (ShardScope scope = ShardScope.forKey(2L); Connection c = guarded.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                assertThat(strings(s, "SELECT body FROM ak_notes ORDER BY note_id")).containsExactly("two", "two-b");
                s.executeUpdate("INSERT INTO ak_notes (note_id, body) VALUES (10, 'scoped')");
                assertThat(s.executeUpdate("UPDATE ak_notes SET body = upper(body) WHERE note_id > 2")).isEqualTo(2);
            }
            c.commit();
            assertThat(sets("transaction") - before).as("one SET LOCAL for three statements").isEqualTo(1);
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM ak_notes")) {
                assertThat(longs(p)).containsExactly(3L);
            }
            c.commit();
            assertThat(sets("transaction") - before).as("one more for the second transaction").isEqualTo(2);
        }
        assertNoKeyOnThePooledSession();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT tenant_id || ':' || body FROM ak_notes WHERE note_id = 10")).containsExactly("2:SCOPED");
        }
    }

    @Test
    void autoCommitWorkGetsTheSessionFormResetAtClose() throws SQLException {
        double before = sets("session");
        try (ShardScope scope = ShardScope.forKey(3L); Connection c = guarded.getConnection(); Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT body FROM ak_notes")).containsExactly("three");
            assertThat(strings(s, "SELECT body FROM ak_notes")).containsExactly("three");
            assertThat(sets("session") - before).isEqualTo(1);
        }
        assertNoKeyOnThePooledSession();
        try (Connection c = guarded.getConnection(); Statement s = c.createStatement()) {
            try (ShardScope scope = ShardScope.forKey(1L)) {
                assertThat(strings(s, "SELECT body FROM ak_notes")).containsExactly("one");
            }
            // the scope closed while the connection stayed open: the next statement runs without the key
            try (ShardScope report = ShardScope.allowScatter("test reads every tenant")) {
                assertThat(strings(s, "SELECT body FROM ak_notes")).hasSize(4);
            }
        }
        assertNoKeyOnThePooledSession();
    }

    @Test
    void shardTouchOracleSeesOneShardForKeyLessReadsUnderTheKey() throws SQLException {
        try (Connection c = pool.getConnection()) {
            assertThat(ShardTouchOracle.touches(c, "SELECT * FROM ak_notes WHERE body = ?", "two").touchesEveryShard()).isTrue();
            try (Statement s = c.createStatement()) {
                s.execute("SET rds_aurora.limitless_active_shard_key = '{\"2\"}'");
            }
            ShardTouch scoped = ShardTouchOracle.touches(c, "SELECT * FROM ak_notes WHERE body = ?", "two");
            ShardTouch explicit = ShardTouchOracle.touches(c, "SELECT * FROM ak_notes WHERE tenant_id = ?", 2L);
            assertThat(scoped.singleShard()).isTrue();
            assertThat(scoped.shardsByTable()).isEqualTo(explicit.shardsByTable());
            assertThat(ShardTouchOracle.touches(c, "INSERT INTO ak_notes (note_id, body) VALUES (?, ?)", 77L, "x").shardsByTable())
                    .as("a key-less insert lands on the key's shard").isEqualTo(explicit.shardsByTable());
            try (Statement s = c.createStatement()) {
                s.execute("RESET rds_aurora.limitless_active_shard_key");
            }
        }
    }

    @Test
    void hostileKeyValuesAreDataNeverSql() throws SQLException {
        List<String> hostile = List.of("'); DROP TABLE ak_tags; --", "\"}", "a\\\"b", "o'hara\\", "{\"x\",\"y\"}", "ünï\u2028code", "");
        for (String value : hostile) {
            try (ShardScope scope = ShardScope.forKey(value); Connection c = guarded.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO ak_tags (tag) VALUES (?)")) {
                    insert.setString(1, "t");
                    insert.executeUpdate();
                }
                c.commit();
            }
        }
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT tenant FROM ak_tags")).containsExactlyInAnyOrderElementsOf(hostile);
        }
        try (ShardScope scope = ShardScope.forKey("o'hara\\"); Connection c = guarded.getConnection(); Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT tenant FROM ak_tags")).containsExactly("o'hara\\");
        }
    }

    @Test
    void refusedOnTheProxyTopology() throws SQLException {
        GuardedDataSource proxy = new GuardedDataSource(pool, ShardScopeGuard.of(CATALOG));
        try (ShardScope scope = ShardScope.forKey(2L); Connection c = proxy.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT body FROM ak_notes"))
                    .isInstanceOf(ActiveShardKeyUnsupportedException.class)
                    .hasMessageContaining("limitless.topology=limitless").hasMessageContaining("pins");
        }
        assertNoKeyOnThePooledSession();
    }

    private static void assertNoKeyOnThePooledSession() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT coalesce(current_setting('rds_aurora.limitless_active_shard_key', true), '')"))
                    .containsExactly("");
            assertThat(strings(s, "SELECT count(*)::text FROM ak_notes")).as("every row visible").doesNotContain("0");
        }
    }

    private static double sets(String scope) {
        return registry.get(MicrometerMetrics.ACTIVE_KEY_SETS).tag("scope", scope).counter().count();
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static List<Long> longs(PreparedStatement p) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }
}
