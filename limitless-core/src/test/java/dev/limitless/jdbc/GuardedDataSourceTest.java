package dev.limitless.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.LiveCatalog;
import dev.limitless.guard.MissingShardKeyException;
import dev.limitless.guard.ScatterRefusedException;
import dev.limitless.guard.ShardKeyUpdateException;
import dev.limitless.guard.ShardScope;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

@LimitlessPostgres(shards = 8)
class GuardedDataSourceTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    static HikariDataSource pool;
    static GuardedDataSource guarded;

    @BeforeAll
    static void setUp() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE accounts (account_id bigint PRIMARY KEY, owner text NOT NULL, balance numeric(19,2) DEFAULT 0);
                    COMMIT;
                    """);
        }
        pool = database.newPool(2);
        guarded = new GuardedDataSource(pool, ShardScopeGuard.of(LiveCatalog.load(pool, "public")));
    }

    @AfterAll
    static void tearDown() {
        pool.close();
    }

    @Test
    void singleShardStatementsRunThroughJdbcClient() {
        JdbcClient client = JdbcClient.create(guarded);
        client.sql("INSERT INTO accounts (account_id, owner) VALUES (?, ?)").params(1L, "ann").update();
        assertThat(client.sql("SELECT owner FROM accounts WHERE account_id = ?").param(1L).query(String.class).single())
                .isEqualTo("ann");
    }

    @Test
    void scatterSelectIsRefusedBeforeReachingTheDatabase() {
        JdbcTemplate template = new JdbcTemplate(guarded);
        assertThatThrownBy(() -> template.queryForList("SELECT owner FROM accounts WHERE balance > ?", 5))
                .isInstanceOf(DataAccessException.class)
                .hasRootCauseInstanceOf(ScatterRefusedException.class)
                .rootCause().hasMessageContaining("public.accounts").hasMessageContaining("account_id")
                .hasMessageContaining("limitless:allow-scatter").hasMessageContaining("ShardScope.allowScatter");
    }

    @Test
    void scatterRunsInsideShardScopeAndWithHint() {
        JdbcTemplate template = new JdbcTemplate(guarded);
        try (ShardScope scope = ShardScope.allowScatter("test of the opt-in")) {
            assertThat(template.queryForObject("SELECT count(*) FROM accounts", Long.class)).isNotNull();
        }
        assertThat(template.queryForObject("SELECT /* limitless:allow-scatter */ count(*) FROM accounts", Long.class)).isNotNull();
    }

    @Test
    void plainStatementsAndBatchesAreChecked() throws SQLException {
        try (Connection c = guarded.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM accounts")).isInstanceOf(ScatterRefusedException.class);
            assertThatThrownBy(() -> s.addBatch("DELETE FROM accounts")).isInstanceOf(ScatterRefusedException.class);
            assertThatThrownBy(() -> s.execute("UPDATE accounts SET account_id = 2 WHERE account_id = 1"))
                    .isInstanceOf(ShardKeyUpdateException.class);
            assertThatThrownBy(() -> c.prepareStatement("INSERT INTO accounts (owner) VALUES (?)"))
                    .isInstanceOf(MissingShardKeyException.class);
            s.execute("SET application_name = 'guard-test'");
            assertThat(s.getConnection()).isSameAs(c);
        }
    }

    @Test
    void unwrapReachesPoolAndDriver() throws SQLException {
        assertThat(guarded.unwrap(HikariDataSource.class)).isSameAs(pool);
        assertThat(guarded.isWrapperFor(HikariDataSource.class)).isTrue();
        try (Connection c = guarded.getConnection()) {
            assertThat(c.isWrapperFor(PGConnection.class)).isTrue();
            assertThat(c.unwrap(PGConnection.class)).isNotNull();
        }
    }
}
