package dev.limitless.pinning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.PgBouncer;
import dev.limitless.test.TestDatabase;
import dev.limitless.pinning.internal.PinningClassifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What pinning means on a real transaction-pooling proxy: PgBouncer hands one server connection to whichever
 * client starts a transaction, so a session-level SET from one client is seen by the next.
 */
@LimitlessPostgres(shards = 4)
class PgBouncerPinningTest {

    /** The database default of the emulation (it refuses unqualified advisory locks through it). */
    private static final String EMULATION_SEARCH_PATH = "\"$user\", public, rds_aurora_local_router, pg_catalog";

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private static Path pgbouncer;

    @BeforeAll
    static void pgbouncerInstalled() throws SQLException {
        Optional<Path> binary = PgBouncer.binary();
        assumeTrue(binary.isPresent(), "pgbouncer is not installed; install it (apt-get install -y pgbouncer,"
                + " brew install pgbouncer) to run the transaction-pooling test");
        pgbouncer = binary.get();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS other_tenant");
        }
    }

    @Test
    void sessionSetFromOneClientLeaksIntoAnotherClientsSession() throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(pgbouncer, database.jdbcUrl(), database.username(), database.password(), 1, 20);
                Connection alice = connect(bouncer); Connection bob = connect(bouncer)) {
            assertThat(searchPath(bob)).isEqualTo(EMULATION_SEARCH_PATH);

            alice.createStatement().execute("SET search_path = other_tenant");

            assertThat(searchPath(bob)).isEqualTo("other_tenant");
        }
    }

    @Test
    void refusingPolicyStopsTheSetBeforeItLeaks() throws Exception {
        PinningDetector detector = new PinningDetector(Policy.defaults(PinningReason.class).with(PinningReason.SET, PolicyAction.REFUSE));
        try (PgBouncer bouncer = PgBouncer.start(pgbouncer, database.jdbcUrl(), database.username(), database.password(), 1, 20);
                Connection alice = connect(bouncer); Connection bob = connect(bouncer)) {

            assertThatThrownBy(() -> checkedExecute(detector, alice, "SET search_path = other_tenant"))
                    .isInstanceOf(PinningRefusedException.class)
                    .hasMessageContaining("SET search_path = other_tenant");

            assertThat(searchPath(bob)).isEqualTo(EMULATION_SEARCH_PATH);
        }
    }

    @Test
    void setLocalInsideATransactionStaysInThatTransaction() throws Exception {
        PinningDetector detector = new PinningDetector(Policy.all(PinningReason.class, PolicyAction.REFUSE));
        try (PgBouncer bouncer = PgBouncer.start(pgbouncer, database.jdbcUrl(), database.username(), database.password(), 1, 20);
                Connection alice = connect(bouncer); Connection bob = connect(bouncer)) {
            alice.setAutoCommit(false);
            checkedExecute(detector, alice, "SET LOCAL search_path = other_tenant");
            assertThat(searchPath(alice)).isEqualTo("other_tenant");
            alice.commit();

            assertThat(searchPath(bob)).isEqualTo(EMULATION_SEARCH_PATH);
        }
    }

    /** What the guarded data source does per execution: classify (cached there), check, then send. */
    private static void checkedExecute(PinningDetector detector, Connection connection, String sql) throws SQLException {
        detector.check(sql, PinningClassifier.classify(sql), !connection.getAutoCommit());
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(PgBouncer bouncer) throws SQLException {
        return DriverManager.getConnection(bouncer.jdbcUrl(database.name()), database.username(), "");
    }

    private static String searchPath(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW search_path")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
