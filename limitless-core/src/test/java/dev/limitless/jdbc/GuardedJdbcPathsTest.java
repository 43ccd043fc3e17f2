package dev.limitless.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.LiveCatalog;
import dev.limitless.guard.ScatterRefusedException;
import dev.limitless.guard.ShardScope;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.metrics.MicrometerMetrics;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.pinning.PinningRefusedException;
import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.slf4j.LoggerFactory;

/**
 * Every way from a guarded connection to another JDBC object leads to a guarded object: metadata, result sets,
 * callable statements, batches and {@code unwrap}; only {@code unwrap} to a driver type escapes, and is counted.
 */
@LimitlessPostgres(shards = 4)
class GuardedJdbcPathsTest {

    private static final String SCATTER = "SELECT count(*) FROM accounts WHERE owner = 'ann'";
    private static final String SINGLE_SHARD = "SELECT owner FROM accounts WHERE account_id = 1";

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
                    INSERT INTO accounts VALUES (1, 'ann'), (2, 'bob');
                    CREATE FUNCTION open_owner_cursor(id bigint) RETURNS refcursor AS $$
                    DECLARE owners refcursor;
                    BEGIN
                        OPEN owners FOR SELECT owner FROM accounts WHERE account_id = id;
                        RETURN owners;
                    END $$ LANGUAGE plpgsql;
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
    void metadataLeadsBackToTheGuardedConnection() throws SQLException {
        try (Connection connection = guarded.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            assertThat(metadata.getConnection()).isSameAs(connection);
            try (Statement statement = metadata.getConnection().createStatement()) {
                assertThatThrownBy(() -> statement.executeQuery(SCATTER)).isInstanceOf(ScatterRefusedException.class);
            }
        }
    }

    @Test
    void metadataResultSetsLeadOnlyToGuardedStatements() throws SQLException {
        try (Connection connection = guarded.getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, "public", "accounts", null)) {
            assertThat(tables.next()).isTrue();
            assertThat(tables.getString("TABLE_NAME")).isEqualTo("accounts");
            Statement driverStatement = tables.getStatement();
            assertThat(driverStatement).isNotNull();
            assertThat(driverStatement.getConnection()).isSameAs(connection);
            assertThatThrownBy(() -> driverStatement.executeQuery(SCATTER)).isInstanceOf(ScatterRefusedException.class);
        }
    }

    @Test
    void resultSetsLeadBackToTheGuardedStatementAndConnection() throws SQLException {
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement();
                PreparedStatement prepared = connection.prepareStatement("SELECT owner FROM accounts WHERE account_id = ?")) {
            ResultSet rows = statement.executeQuery(SINGLE_SHARD);
            assertThat(rows.getStatement()).isSameAs(statement);
            assertThat(rows.getStatement().getConnection()).isSameAs(connection);
            assertThatThrownBy(() -> rows.getStatement().executeQuery(SCATTER)).isInstanceOf(ScatterRefusedException.class);

            assertThat(statement.execute(SINGLE_SHARD)).isTrue();
            assertThat(statement.getResultSet().getStatement()).isSameAs(statement);

            prepared.setLong(1, 1);
            try (ResultSet owner = prepared.executeQuery()) {
                assertThat(owner.next()).isTrue();
                assertThat(owner.getString(1)).isEqualTo("ann");
                assertThat(owner.getStatement()).isSameAs(prepared);
            }
        }
    }

    @Test
    void resultSetsReadFromARefcursorAreGuardedToo() throws SQLException {
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            // the function reads a sharded table the guard cannot see into: calling it is an opt-in
            try (ResultSet rows = statement.executeQuery("SELECT /* limitless:allow-scatter */ open_owner_cursor(1)")) {
                assertThat(rows.next()).isTrue();
                ResultSet cursor = (ResultSet) rows.getObject(1);
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.getString(1)).isEqualTo("ann");
                assertThat(cursor.getStatement()).isSameAs(statement);
            }
            try (ShardScope scope = ShardScope.allowScatter("the function reads a sharded table");
                    CallableStatement call = connection.prepareCall("{? = call open_owner_cursor(?)}")) {
                call.registerOutParameter(1, Types.REF_CURSOR);
                call.setLong(2, 2);
                call.execute();
                scope.close();
                ResultSet cursor = call.getObject(1, ResultSet.class);
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.getString(1)).isEqualTo("bob");
                assertThat(cursor.getStatement()).isSameAs(call);
                assertThatThrownBy(() -> cursor.getStatement().executeQuery(SCATTER)).isInstanceOf(ScatterRefusedException.class);
            }
            connection.rollback();
        }
    }

    @Test
    void callableStatementsAreCheckedPinningClassifiedAndTimed() throws SQLException {
        try (Connection connection = guarded.getConnection()) {
            assertThatThrownBy(() -> connection.prepareCall(SCATTER)).isInstanceOf(ScatterRefusedException.class);
            assertThat(registry.get("limitless.guard.refusals").tags("route", "scatter", "table", "public.accounts")
                    .counter().count()).isEqualTo(1);

            try (CallableStatement call = connection.prepareCall("SELECT owner FROM accounts WHERE account_id = ?")) {
                assertThat(call.getConnection()).isSameAs(connection);
                call.setLong(1, 2);
                try (ResultSet owner = call.executeQuery()) {
                    assertThat(owner.next()).isTrue();
                    assertThat(owner.getString(1)).isEqualTo("bob");
                    assertThat(owner.getStatement()).isSameAs(call);
                }
            }
            assertThat(registry.get("limitless.statement").tags("route", "single_shard", "table", "public.accounts",
                    "operation", "select", "outcome", "success").timer().count()).isEqualTo(1);

            try (CallableStatement lock = connection.prepareCall("SELECT pg_catalog.pg_advisory_lock(?), pg_catalog.pg_advisory_unlock(?)")) {
                lock.setLong(1, 7);
                lock.setLong(2, 7);
                lock.execute();
            }
            assertThat(registry.get("limitless.pinning.risks").tag("reason", "advisory_lock").counter().count()).isEqualTo(1);
            try (CallableStatement set = connection.prepareCall("SET search_path = other")) {
                assertThatThrownBy(set::execute).isInstanceOf(PinningRefusedException.class);
            }
        }
    }

    @Test
    void statementBatchesAreTimedAndPinningCheckedWhenTheyRun() throws SQLException {
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO accounts (account_id, owner) VALUES (10, 'cy')");
            statement.addBatch("INSERT INTO accounts (account_id, owner) VALUES (11, 'di')");
            assertThat(statement.executeBatch()).containsExactly(1, 1);
            statement.addBatch("DELETE FROM accounts WHERE account_id = 10");
            statement.addBatch("DELETE FROM accounts WHERE account_id = 11");
            assertThat(statement.executeLargeBatch()).containsExactly(1L, 1L);

            statement.addBatch("INSERT INTO accounts (account_id, owner) VALUES (12, 'ed')");
            statement.addBatch("SET search_path = other");
            assertThatThrownBy(statement::executeBatch).isInstanceOf(PinningRefusedException.class);
            assertThatThrownBy(() -> statement.addBatch("DELETE FROM accounts")).isInstanceOf(ScatterRefusedException.class);
        }
        assertThat(registry.get("limitless.statement").tags("route", "single_shard", "operation", "insert", "outcome", "success")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("limitless.statement").tags("route", "single_shard", "operation", "delete", "outcome", "success")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("limitless.guard.refusals").tag("reason", "pinning").counter().count()).isEqualTo(1);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM accounts WHERE account_id = 12")) {
            rows.next();
            assertThat(rows.getLong(1)).as("a refused batch sends nothing").isZero();
        }
    }

    @Test
    void everyExecuteVariantOfAStatementGoesThroughTheGuard() throws SQLException {
        String delete = "DELETE FROM accounts WHERE owner = 'nobody'";
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
            List<ThrowingCallable> variants = List.of(
                    () -> statement.execute(delete),
                    () -> statement.execute(delete, Statement.RETURN_GENERATED_KEYS),
                    () -> statement.execute(delete, new int[] {1}),
                    () -> statement.execute(delete, new String[] {"account_id"}),
                    () -> statement.executeQuery(SCATTER),
                    () -> statement.executeUpdate(delete),
                    () -> statement.executeUpdate(delete, Statement.RETURN_GENERATED_KEYS),
                    () -> statement.executeUpdate(delete, new int[] {1}),
                    () -> statement.executeUpdate(delete, new String[] {"account_id"}),
                    () -> statement.executeLargeUpdate(delete),
                    () -> statement.executeLargeUpdate(delete, Statement.RETURN_GENERATED_KEYS),
                    () -> statement.executeLargeUpdate(delete, new int[] {1}),
                    () -> statement.executeLargeUpdate(delete, new String[] {"account_id"}),
                    () -> statement.addBatch(delete),
                    () -> connection.prepareStatement(delete),
                    () -> connection.prepareStatement(delete, Statement.RETURN_GENERATED_KEYS),
                    () -> connection.prepareStatement(delete, new int[] {1}),
                    () -> connection.prepareStatement(delete, new String[] {"account_id"}),
                    () -> connection.prepareStatement(delete, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY),
                    () -> connection.prepareStatement(delete, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                            ResultSet.HOLD_CURSORS_OVER_COMMIT),
                    () -> connection.prepareCall(delete),
                    () -> connection.prepareCall(delete, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY),
                    () -> connection.prepareCall(delete, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                            ResultSet.HOLD_CURSORS_OVER_COMMIT));
            for (ThrowingCallable variant : variants) {
                assertThatThrownBy(variant).isInstanceOf(ScatterRefusedException.class);
            }
            assertThat(registry.get("limitless.guard.refusals").tag("reason", "scatter").counter().count())
                    .isEqualTo(variants.size());
        }
    }

    @Test
    void preparedBatchesAreTimed() throws SQLException {
        try (Connection connection = guarded.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE accounts SET owner = owner WHERE account_id = ?")) {
            update.setLong(1, 1);
            update.addBatch();
            update.setLong(1, 2);
            update.addBatch();
            assertThat(update.executeLargeBatch()).containsExactly(1L, 1L);
        }
        assertThat(registry.get("limitless.statement").tags("route", "single_shard", "operation", "update", "outcome", "success")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void unwrapToAStandardTypeReturnsTheGuardedObject() throws SQLException {
        assertThat(guarded.unwrap(DataSource.class)).isSameAs(guarded);
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement();
                PreparedStatement prepared = connection.prepareStatement(SINGLE_SHARD);
                CallableStatement call = connection.prepareCall(SINGLE_SHARD)) {
            assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
            assertThat(statement.unwrap(Statement.class)).isSameAs(statement);
            assertThat(prepared.unwrap(PreparedStatement.class)).isSameAs(prepared);
            assertThat(call.unwrap(CallableStatement.class)).isSameAs(call);
            assertThat(connection.getMetaData().unwrap(DatabaseMetaData.class).getConnection()).isSameAs(connection);
            try (ResultSet rows = prepared.executeQuery()) {
                assertThat(rows.unwrap(ResultSet.class)).isSameAs(rows);
            }
            assertThat(connection.isWrapperFor(Statement.class)).isFalse();
            assertThatThrownBy(() -> connection.unwrap(Statement.class)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("java.sql.Statement").hasMessageContaining("org.postgresql.PGConnection");
            assertThatThrownBy(() -> statement.unwrap(PreparedStatement.class)).isInstanceOf(SQLException.class);
            connection.unwrap(Connection.class).createStatement().executeQuery(SINGLE_SHARD).close();
            assertThatThrownBy(() -> connection.unwrap(Connection.class).createStatement().executeQuery(SCATTER))
                    .isInstanceOf(ScatterRefusedException.class);
        }
        assertThat(registry.find("limitless.guard.unwrapped").counters()).isEmpty();
    }

    @Test
    void unwrapToADriverTypeIsTheCountedEscapeHatchLoggedOncePerCallSite() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(EscapeHatch.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (Connection connection = guarded.getConnection()) {
            for (int i = 0; i < 2; i++) {
                PGConnection driver = connection.unwrap(PGConnection.class);
                long copied = driver.getCopyAPI().copyIn("COPY accounts (account_id, owner) FROM STDIN",
                        new StringReader((20 + i) + "\tcopied\n"));
                assertThat(copied).isEqualTo(1);
            }
            assertThat(guarded.unwrap(HikariDataSource.class)).isSameAs(pool);
        } finally {
            logger.detachAppender(log);
        }
        String callSite = getClass().getName() + ".unwrapToADriverTypeIsTheCountedEscapeHatchLoggedOncePerCallSite";
        assertThat(registry.get("limitless.guard.unwrapped").tag("call_site", callSite).counter().count()).isEqualTo(3);
        List<String> messages = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).contains(callSite).contains("org.postgresql.PGConnection")
                .contains("not checked by the shard-scope guard");
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM accounts WHERE account_id IN (20, 21)");
        }
    }

    private static HikariDataSource unwrapFromHere(EscapeHatch hatch, GuardedDataSource guarded) throws SQLException {
        return hatch.unwrap(guarded, pool, HikariDataSource.class);
    }

    private static HikariDataSource unwrapFromThere(EscapeHatch hatch, GuardedDataSource guarded) throws SQLException {
        return hatch.unwrap(guarded, pool, HikariDataSource.class);
    }

    @Test
    void callSitesBeyondTheBoundAreCountedAsOther() throws SQLException {
        EscapeHatch hatch = new EscapeHatch(MicrometerMetrics.of(registry), 1);
        assertThat(unwrapFromHere(hatch, guarded)).isSameAs(pool);
        assertThat(unwrapFromThere(hatch, guarded)).isSameAs(pool);
        assertThat(unwrapFromThere(hatch, guarded)).isSameAs(pool);
        assertThat(registry.get("limitless.guard.unwrapped").tag("call_site", getClass().getName() + ".unwrapFromHere")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("limitless.guard.unwrapped").tag("call_site", "other").counter().count()).isEqualTo(2);
    }
}
