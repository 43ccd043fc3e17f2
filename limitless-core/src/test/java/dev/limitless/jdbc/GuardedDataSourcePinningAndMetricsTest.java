package dev.limitless.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.LiveCatalog;
import dev.limitless.guard.ScatterRefusedException;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.metrics.MicrometerMetrics;
import dev.limitless.pinning.DriverSettingFinding;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.pinning.PinningRefusedException;
import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The guarded data source enforces the pinning policy and records the meters, on real statements. */
@LimitlessPostgres(shards = 4)
class GuardedDataSourcePinningAndMetricsTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    static HikariDataSource pool;
    static ShardScopeGuard guard;

    SimpleMeterRegistry registry;
    GuardedDataSource guarded;

    @BeforeAll
    static void setUp() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE accounts (account_id bigint PRIMARY KEY, owner text NOT NULL);
                    COMMIT;
                    INSERT INTO accounts VALUES (1, 'ada'), (2, 'bob');
                    """);
        }
        pool = database.newPool(2);
        guard = ShardScopeGuard.of(LiveCatalog.load(pool, "public"));
    }

    @AfterAll
    static void tearDown() {
        pool.close();
    }

    @BeforeEach
    void guardedWithMetrics() {
        registry = new SimpleMeterRegistry();
        MicrometerMetrics metrics = MicrometerMetrics.of(registry);
        Policy<PinningReason> policy = Policy.defaults(PinningReason.class).with(PinningReason.SET, PolicyAction.REFUSE);
        guarded = new GuardedDataSource(pool, guard, new PinningDetector(policy, metrics::pinningRisk), metrics);
    }

    @Test
    void recordsSingleShardStatementsByRouteTableOperationAndOutcome() {
        JdbcClient client = JdbcClient.create(guarded);
        for (long id = 1; id <= 2; id++) {
            client.sql("SELECT owner FROM accounts WHERE account_id = ?").param(id).query(String.class).single();
        }
        client.sql("UPDATE accounts SET owner = ? WHERE account_id = ?").params("ada", 1L).update();

        assertThat(registry.get("limitless.statement").tags("route", "single_shard", "table", "public.accounts",
                "operation", "select", "outcome", "success").timer().count()).isEqualTo(2);
        assertThat(registry.get("limitless.statement").tags("route", "single_shard", "table", "public.accounts",
                "operation", "update", "outcome", "success").timer().count()).isEqualTo(1);
    }

    @Test
    void recordsGuardRefusalsWithTheirRouteTableAndReason() {
        JdbcTemplate template = new JdbcTemplate(guarded);

        assertThatThrownBy(() -> template.queryForList("SELECT owner FROM accounts WHERE owner = ?", "ada"))
                .isInstanceOf(DataAccessException.class).hasRootCauseInstanceOf(ScatterRefusedException.class);

        assertThat(registry.get("limitless.guard.refusals").tags("route", "scatter", "table", "public.accounts",
                "reason", "scatter").counter().count()).isEqualTo(1);
        assertThat(registry.get("limitless.statement").tags("route", "scatter", "outcome", "refused").timer().count())
                .isEqualTo(1);
    }

    @Test
    void recordsDatabaseErrorsAsOutcomeError() throws SQLException {
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT no_such_column FROM accounts WHERE account_id = 1"))
                    .isInstanceOf(SQLException.class);
        }

        assertThat(registry.get("limitless.statement").tags("route", "single_shard", "outcome", "error").timer().count())
                .isEqualTo(1);
    }

    @Test
    void refusesASessionSetBeforeItReachesTheDatabase() throws SQLException {
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SET search_path = other"))
                    .isInstanceOf(PinningRefusedException.class)
                    .hasMessageContaining("SET search_path = other")
                    .hasMessageContaining(getClass().getName());
            try (var rs = connection.createStatement().executeQuery("SHOW search_path")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("\"$user\", public, rds_aurora_local_router, pg_catalog"); // the emulation's default
            }
        }

        assertThat(registry.get("limitless.pinning.risks").tag("reason", "set").counter().count()).isEqualTo(1);
        assertThat(registry.get("limitless.guard.refusals").tag("reason", "pinning").counter().count()).isEqualTo(1);
        assertThat(registry.get("limitless.statement").tags("operation", "other", "outcome", "refused").timer().count())
                .isEqualTo(1);
    }

    @Test
    void setLocalRunsInsideAnExplicitTransactionAndIsRefusedOutsideOne() throws SQLException {
        try (Connection connection = guarded.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement setLocal = connection.prepareStatement("SET LOCAL statement_timeout = 1000")) {
                setLocal.execute();
                connection.commit();
                connection.setAutoCommit(true);

                assertThatThrownBy(setLocal::execute).isInstanceOf(PinningRefusedException.class);
            }
        }
        assertThat(registry.get("limitless.pinning.risks").tag("reason", "set").counter().count()).isEqualTo(1);
    }

    @Test
    void countsPinningRisksThatThePolicyOnlyWarnsAbout() throws SQLException {
        try (Connection connection = guarded.getConnection(); PreparedStatement lock =
                // qualified: the emulation, like Aurora, refuses advisory locks; this is about pinning behind a proxy
                connection.prepareStatement("SELECT pg_catalog.pg_advisory_lock(?), pg_advisory_unlock(?)")) {
            for (int i = 0; i < 3; i++) {
                lock.setLong(1, 42);
                lock.setLong(2, 42);
                lock.executeQuery().close();
            }
        }

        assertThat(registry.get("limitless.pinning.risks").tag("reason", "advisory_lock").counter().count()).isEqualTo(3);
    }

    @Test
    void startUpCheckFindsTheTestPoolsDriverSettings() throws SQLException {
        assertThat(guarded.checkDriverSettings()).extracting(DriverSettingFinding::reason)
                .isNotEmpty().containsOnly(PinningReason.DRIVER_SETTING);
        GuardedDataSource refusing = new GuardedDataSource(pool, guard, new PinningDetector(Policy.all(PinningReason.class, PolicyAction.REFUSE)),
                MicrometerMetrics.of(new SimpleMeterRegistry()));
        assertThatThrownBy(refusing::checkDriverSettings).isInstanceOf(PinningRefusedException.class)
                .hasMessageContaining("assumeMinServerVersion");
    }
}
