package dev.limitless.autoconfigure.guard;

import dev.limitless.guard.ShardScopeException;
import dev.limitless.jdbc.ActiveShardKeyUnsupportedException;
import dev.limitless.pinning.PinningRefusedException;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Translates limitless refusals into Spring's {@link DataAccessException} hierarchy: a guard refusal into a
 * {@link GuardRefusalException}, a pinning refusal into a {@link PinningRefusalException}, both
 * {@code InvalidDataAccessApiUsageException}s (the statement is wrong, not the database), as is a statement inside
 * {@code ShardScope.forKey} on a topology without the active shard key; a transient failure (lost
 * connection, admin shutdown, serialization failure, deadlock, distributed deadlock, rejected IAM token, see
 * {@code dev.limitless.failure.SqlFailure}) into the {@code TransientDataAccessException} family, and a statement
 * timeout into a {@code QueryTimeoutException} ({@link TransientFailureTranslation}). Everything else goes to the
 * translator {@code JdbcTemplate} would have used, so other errors translate exactly as before.
 *
 * <p>A translator of your own replaces this bean; to keep refusals typed, call {@link #translate} first.
 */
public final class LimitlessExceptionTranslator implements SQLExceptionTranslator {

    private final SQLExceptionTranslator fallback;

    /** @param dataSource the DataSource whose default translation applies to other errors, or {@code null} */
    public LimitlessExceptionTranslator(DataSource dataSource) {
        // JdbcTemplate's own choice of default translator (error codes file or SQLException subclasses), unchanged
        JdbcTemplate defaults = new JdbcTemplate();
        if (dataSource != null) {
            defaults.setDataSource(dataSource);
        }
        this.fallback = defaults.getExceptionTranslator();
    }

    @Override
    public DataAccessException translate(String task, String sql, SQLException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShardScopeException refusal) {
                return new GuardRefusalException(task, refusal);
            }
            if (cause instanceof PinningRefusedException refusal) {
                return new PinningRefusalException(task, refusal);
            }
            if (cause instanceof ActiveShardKeyUnsupportedException refusal) {
                // the application asked for something the topology cannot do: a usage error, not a database error
                return new InvalidDataAccessApiUsageException(task + ": " + refusal.getMessage(), refusal);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        DataAccessException transientFailure = TransientFailureTranslation.translate(task, ex);
        return transientFailure != null ? transientFailure : fallback.translate(task, sql, ex);
    }
}
