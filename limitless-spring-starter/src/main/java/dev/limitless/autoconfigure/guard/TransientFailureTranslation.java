package dev.limitless.autoconfigure.guard;

import dev.limitless.failure.SqlFailure;
import java.sql.SQLException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Turns an {@link SQLException} that {@link SqlFailure} calls transient into Spring's
 * {@code TransientDataAccessException} family, keeping the exception (and its SQLState) as the cause. The message
 * names the task, the cause and the SQLState, never the SQL text.
 */
final class TransientFailureTranslation {

    private TransientFailureTranslation() {
    }

    /** The translation of a transient or timed-out failure, or {@code null} for any other. */
    static DataAccessException translate(String task, SQLException ex) {
        SqlFailure failure = SqlFailure.of(ex);
        String message = (task == null ? "" : task + "; ") + describe(failure) + ": " + ex.getMessage();
        return switch (failure.cause()) {
            case CONNECTION_LOST, CANNOT_CONNECT, ADMIN_SHUTDOWN, CANNOT_CONNECT_NOW, TOO_MANY_CONNECTIONS,
                    IAM_TOKEN_REJECTED -> new TransientDataAccessResourceException(message, ex);
            case SERIALIZATION_FAILURE -> new PessimisticLockingFailureException(message, ex);
            case DEADLOCK, DISTRIBUTED_DEADLOCK -> new CannotAcquireLockException(message, ex);
            case QUERY_CANCELED -> new QueryTimeoutException(message, ex);
            default -> null;
        };
    }

    static String describe(SqlFailure failure) {
        String state = failure.sqlState() == null ? "" : " [SQLState " + failure.sqlState() + "]";
        return failure.failureClass().name().toLowerCase(java.util.Locale.ROOT) + " failure "
                + failure.cause().tag() + state;
    }
}
