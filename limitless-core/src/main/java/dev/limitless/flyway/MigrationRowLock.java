package dev.limitless.flyway;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.exception.FlywaySqlException;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;
import org.flywaydb.core.internal.jdbc.TransactionalExecutionTemplate;

/**
 * Serialises Flyway runs with {@code SELECT ... FOR UPDATE} on the single row of a standard table, held in a
 * transaction of Flyway's main connection while the work runs (migrations run on Flyway's other connection).
 *
 * <p>Blocking on the row is the wait: a second application's {@code FOR UPDATE} returns when the first one's
 * transaction ends, so nobody polls or sleeps, and a holder that dies releases the row with its connection.
 */
final class MigrationRowLock {

    private static final int LOCK_ROW = 1;
    private static final int CREATE_ATTEMPTS = 3;

    private final JdbcTemplate jdbcTemplate;
    private final String schema;
    private final String table;
    private final String qualifiedTable;

    MigrationRowLock(JdbcTemplate jdbcTemplate, Database<?> database, String schema, String table) {
        this.jdbcTemplate = jdbcTemplate;
        this.schema = schema;
        this.table = table;
        this.qualifiedTable = database.quote(schema, table);
    }

    <T> T execute(Callable<T> callable) {
        java.sql.Connection connection = jdbcTemplate.getConnection();
        boolean nested;
        try {
            // already inside a transaction of this connection (a nested lock): the row lock joins it
            nested = !connection.getAutoCommit();
            if (nested) {
                lockRow();
            } else {
                ensureLockRow();
            }
        } catch (SQLException e) {
            throw new FlywaySqlException("Unable to take Flyway's row lock on " + qualifiedTable, e);
        }
        if (nested) {
            try {
                return callable.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new FlywayException(e);
            }
        }
        return new TransactionalExecutionTemplate(connection, true).execute(() -> {
            lockRow();
            return callable.call();
        });
    }

    private void ensureLockRow() throws SQLException {
        if (!LimitlessPostgresSchema.HistoryTable.exists(jdbcTemplate, schema, table)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    // a standard table: created without Limitless SET LOCAL modes, it lives on one shard
                    jdbcTemplate.execute("CREATE TABLE IF NOT EXISTS " + qualifiedTable + " (lock_id integer PRIMARY KEY)");
                    break;
                } catch (SQLException e) {
                    // another application created it at the same moment: its commit made the table visible
                    if (!createdConcurrently(e) || attempt == CREATE_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }
        jdbcTemplate.execute("INSERT INTO " + qualifiedTable + " (lock_id) VALUES (" + LOCK_ROW + ") ON CONFLICT DO NOTHING");
    }

    private static boolean createdConcurrently(SQLException e) {
        return "23505".equals(e.getSQLState()) || "42P07".equals(e.getSQLState());
    }

    private void lockRow() throws SQLException {
        List<Integer> rows = jdbcTemplate.query("SELECT lock_id FROM " + qualifiedTable + " WHERE lock_id = " + LOCK_ROW
                + " FOR UPDATE", rs -> rs.getInt(1));
        if (rows.isEmpty()) {
            throw new FlywayException("Flyway's lock row is missing from " + qualifiedTable + ". Insert it with INSERT INTO "
                    + qualifiedTable + " (lock_id) VALUES (" + LOCK_ROW + "), or drop the table so that Flyway creates it again.");
        }
    }
}
