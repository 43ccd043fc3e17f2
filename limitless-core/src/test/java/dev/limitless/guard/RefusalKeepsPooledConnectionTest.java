package dev.limitless.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.pinning.PinningRefusedException;
import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A refusal must never cost a pooled connection, whichever way pool and guard are stacked: HikariCP evicts a
 * connection on SQLState 0A000 (and any 08xxx), so refusals carry the implementation-defined LM001/LM002.
 */
@LimitlessPostgres(shards = 4)
class RefusalKeepsPooledConnectionTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private static final ShardCatalog CATALOG = ShardCatalog.of("public",
            List.of(TableDefinition.sharded(new TableName("public", "pool_accounts"), List.of("account_id"), null, "test")));

    @BeforeAll
    static void schema() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE pool_accounts (account_id bigint PRIMARY KEY, owner text NOT NULL);
                    COMMIT;
                    """);
        }
    }

    @Test
    void refusalsUseAVendorSqlStateThatNoPoolTreatsAsFatal() {
        assertThat(ShardScopeException.SQL_STATE).isEqualTo("LM001").doesNotStartWith("08").isNotEqualTo("0A000");
        assertThat(PinningRefusedException.SQL_STATE).isEqualTo("LM002").doesNotStartWith("08").isNotEqualTo("0A000");
    }

    @Test
    void hikariOverTheGuardKeepsItsConnectionAfterARefusal() throws SQLException {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setUrl(database.jdbcUrl());
        driver.setUser(database.username());
        driver.setPassword(database.password());
        HikariConfig config = new HikariConfig();
        config.setDataSource(new GuardedDataSource(driver, ShardScopeGuard.of(CATALOG), refusingSet(), LimitlessMetrics.noop()));
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertRefusalsKeepTheConnection(pool, pool);
        }
    }

    @Test
    void theGuardOverHikariKeepsTheConnectionAfterARefusal() throws SQLException {
        try (HikariDataSource pool = database.newPool(1)) {
            assertRefusalsKeepTheConnection(new GuardedDataSource(pool, ShardScopeGuard.of(CATALOG), refusingSet(),
                    LimitlessMetrics.noop()), pool);
        }
    }

    private static PinningDetector refusingSet() {
        return new PinningDetector(Policy.defaults(PinningReason.class).with(PinningReason.SET, PolicyAction.REFUSE));
    }

    private static void assertRefusalsKeepTheConnection(DataSource dataSource, HikariDataSource pool) throws SQLException {
        int backend = backendPid(dataSource);
        Throwable scatter;
        Throwable pinning;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            scatter = catchThrowable(() -> statement.executeQuery("SELECT count(*) FROM pool_accounts WHERE owner = 'ann'"));
            pinning = catchThrowable(() -> statement.execute("SET work_mem = '64MB'"));
            assertThat(connection.isClosed()).as("the connection handed out is still open").isFalse();
        }
        assertThat(backendPid(dataSource)).as("the same physical connection, not a new one").isEqualTo(backend);
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(1);
        assertThat(scatter).isInstanceOf(ScatterRefusedException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("LM001"));
        assertThat(pinning).isInstanceOf(PinningRefusedException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("LM002"));
    }

    private static int backendPid(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
