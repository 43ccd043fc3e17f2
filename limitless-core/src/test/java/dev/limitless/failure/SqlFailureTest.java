package dev.limitless.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Classification of failures PostgreSQL really raises, and of the Aurora-only ones by their documented text. */
@LimitlessPostgres(shards = 0)
class SqlFailureTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void classifiesWhatPostgresRaises() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS failure_keys (k int PRIMARY KEY)");
            statement.execute("INSERT INTO failure_keys VALUES (1) ON CONFLICT DO NOTHING");
            assertThat(failureOf(statement, "INSERT INTO failure_keys VALUES (1)"))
                    .isEqualTo(new SqlFailure(FailureCause.CONSTRAINT_VIOLATION, "23505"));
            assertThat(failureOf(statement, "SELEC 1")).isEqualTo(new SqlFailure(FailureCause.INVALID_STATEMENT, "42601"));
            assertThat(failureOf(statement, "SELECT 1 / 0")).isEqualTo(new SqlFailure(FailureCause.INVALID_DATA, "22012"));
            assertThat(failureOf(statement, "SELECT * FROM no_such_table")).extracting(SqlFailure::failureClass)
                    .isEqualTo(FailureClass.PERMANENT);
            assertThat(failureOf(statement, "DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40P01'; END $$"))
                    .isEqualTo(new SqlFailure(FailureCause.DEADLOCK, "40P01"));
            assertThat(failureOf(statement, "DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40001'; END $$"))
                    .isEqualTo(new SqlFailure(FailureCause.SERIALIZATION_FAILURE, "40001"));
            statement.execute("SET statement_timeout = '20ms'");
            assertThat(failureOf(statement, "SELECT pg_sleep(2)")).isEqualTo(new SqlFailure(FailureCause.QUERY_CANCELED, "57014"));
            statement.execute("RESET statement_timeout");
        }
    }

    @Test
    void aTerminatedBackendIsTransient() throws SQLException {
        try (Connection victim = database.connect(); Statement statement = victim.createStatement()) {
            int pid;
            try (ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
                rows.next();
                pid = rows.getInt(1);
            }
            try (Connection admin = database.connect();
                 PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                terminate.setInt(1, pid);
                terminate.executeQuery().close();
            }
            SqlFailure failure = failureOf(statement, "SELECT 1");
            assertThat(failure.isTransient()).isTrue();
            assertThat(failure.cause()).isIn(FailureCause.ADMIN_SHUTDOWN, FailureCause.CONNECTION_LOST);
            assertThat(failureOf(statement, "SELECT 1").cause()).isEqualTo(FailureCause.CONNECTION_LOST);
        }
    }

    @Test
    void recognisesAuroraLimitlessDistributedDeadlockAndIamRejectionByTheirText() {
        assertThat(SqlFailure.of(new SQLException("ERROR: aborting transaction participating in a distributed deadlock", "XX000")))
                .isEqualTo(new SqlFailure(FailureCause.DISTRIBUTED_DEADLOCK, "XX000"));
        assertThat(SqlFailure.of(new SQLException("FATAL: PAM authentication failed for user \"app\"", "28P01")))
                .isEqualTo(new SqlFailure(FailureCause.IAM_TOKEN_REJECTED, "28P01"));
        assertThat(SqlFailure.of(new SQLException("FATAL: password authentication failed for user \"app\"", "28P01")))
                .isEqualTo(new SqlFailure(FailureCause.AUTHENTICATION_FAILED, "28P01"));
    }

    @Test
    void theInnermostLinkDecidesAndGuardRefusalsWinAnywhere() {
        SQLException driver = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        RuntimeException wrapped = new IllegalStateException("JDBC rollback failed",
                new SQLTransientConnectionException("pool: connection is not available", "08001", driver));
        assertThat(SqlFailure.of(wrapped)).isEqualTo(new SqlFailure(FailureCause.ADMIN_SHUTDOWN, "57P01"));

        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "08006", new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(SqlFailure.of(batch).cause()).isEqualTo(FailureCause.CONSTRAINT_VIOLATION);

        SQLException refused = new SQLException("Refused SCATTER statement", "LM001");
        SQLException lostAfterwards = new SQLException("connection lost", "08006", refused);
        assertThat(SqlFailure.of(lostAfterwards)).isEqualTo(new SqlFailure(FailureCause.REFUSED_BY_GUARD, "LM001"));
        assertThat(SqlFailure.of(new SQLException("pinning", "LM002")).failureClass()).isEqualTo(FailureClass.PERMANENT);
    }

    @Test
    void unknownWithoutAnythingToGoOnAndSafeOnCycles() {
        assertThat(SqlFailure.of(null).cause()).isEqualTo(FailureCause.OTHER);
        assertThat(SqlFailure.of(new IllegalStateException("no SQL here")).failureClass()).isEqualTo(FailureClass.UNKNOWN);
        assertThat(SqlFailure.of(new SQLException("odd", "XX000")).failureClass()).isEqualTo(FailureClass.UNKNOWN);
        SQLException first = new SQLException("a", "XX000");
        SQLException second = new SQLException("b", "XX000");
        first.setNextException(second);
        second.setNextException(first);
        assertThat(SqlFailure.of(first).cause()).isEqualTo(FailureCause.OTHER);
    }

    @Test
    void everyCauseBelongsToAClassAndHasALowerCaseTag() {
        for (FailureCause cause : FailureCause.values()) {
            assertThat(cause.failureClass()).isNotNull();
            assertThat(cause.tag()).isEqualTo(cause.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static SqlFailure failureOf(Statement statement, String sql) {
        SQLException[] caught = new SQLException[1];
        assertThatThrownBy(() -> {
            try {
                statement.execute(sql);
            } catch (SQLException e) {
                caught[0] = e;
                throw e;
            }
        }).isInstanceOf(SQLException.class);
        return SqlFailure.of(caught[0]);
    }
}
