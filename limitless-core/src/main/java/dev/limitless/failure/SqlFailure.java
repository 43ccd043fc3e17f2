package dev.limitless.failure;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The classification of a failure: its {@link FailureCause} and the SQLState it rests on.
 *
 * <p>{@link #of(Throwable)} walks the whole cause chain and every {@link SQLException#getNextException()} chain in
 * it; the innermost link that tells something wins, because wrappers (Spring's exceptions, a pool's "connection is
 * not available") say less than the driver's exception they carry. A refusal by limitless' guard wins wherever it
 * is. The walk never looks at more than {@value #MAX_LINKS} links, so a cyclic chain cannot loop.
 *
 * @param cause why it failed
 * @param sqlState the SQLState of the link that decided, or {@code null} when a type decided
 */
public record SqlFailure(FailureCause cause, String sqlState) {

    private static final int MAX_LINKS = 64;
    private static final SqlFailure OTHER = new SqlFailure(FailureCause.OTHER, null);
    /** AWS, "Distributed deadlocks in Aurora PostgreSQL Limitless Database"; the SQLState is not documented. */
    static final String DISTRIBUTED_DEADLOCK_MESSAGE = "participating in a distributed deadlock";
    /**
     * PostgreSQL's message for a failed PAM authentication, which is how RDS and Aurora PostgreSQL check IAM tokens
     * (users report it for rejected tokens; AWS documents no SQLState for it).
     */
    static final String IAM_REJECTION_MESSAGE = "pam authentication failed";

    /** The class of {@link #cause()}. */
    public FailureClass failureClass() {
        return cause.failureClass();
    }

    /** Whether running an idempotent unit of work again may succeed. */
    public boolean isTransient() {
        return cause.failureClass() == FailureClass.TRANSIENT;
    }

    /** Classifies {@code failure}: {@link FailureCause#OTHER} for {@code null} or when nothing in it is known. */
    public static SqlFailure of(Throwable failure) {
        Walk walk = new Walk();
        walk.visit(failure);
        return walk.guardRefusal != null ? walk.guardRefusal : walk.innermost != null ? walk.innermost : OTHER;
    }

    private static final class Walk {
        private final Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        private SqlFailure innermost;
        private SqlFailure guardRefusal;

        void visit(Throwable failure) {
            for (Throwable link = failure; link != null && seen.size() < MAX_LINKS; link = link.getCause()) {
                if (seen.put(link, Boolean.TRUE) != null) {
                    return;
                }
                SqlFailure here = classifyLink(link);
                if (here != null) {
                    if (here.cause == FailureCause.REFUSED_BY_GUARD && guardRefusal == null) {
                        guardRefusal = here;
                    }
                    innermost = here;
                }
                if (link instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != sql) {
                    visit(sql.getNextException());
                }
            }
        }
    }

    /** What one link of the chain tells, or {@code null}. */
    static SqlFailure classifyLink(Throwable link) {
        if (!(link instanceof SQLException sql)) {
            return null;
        }
        String state = sql.getSQLState();
        String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains(DISTRIBUTED_DEADLOCK_MESSAGE)) {
            return new SqlFailure(FailureCause.DISTRIBUTED_DEADLOCK, state);
        }
        if (state != null && state.length() == 5) {
            FailureCause cause = byState(state, message);
            if (cause != null) {
                return new SqlFailure(cause, state);
            }
        }
        if (sql instanceof SQLTransientConnectionException) {
            return new SqlFailure(FailureCause.CANNOT_CONNECT, state);
        }
        if (sql instanceof SQLRecoverableException || sql instanceof SQLNonTransientConnectionException) {
            return new SqlFailure(FailureCause.CONNECTION_LOST, state);
        }
        return null;
    }

    private static FailureCause byState(String state, String message) {
        switch (state) {
            case "08001", "08004":
                return FailureCause.CANNOT_CONNECT;
            case "57P01", "57P02":
                return FailureCause.ADMIN_SHUTDOWN;
            case "57P03":
                return FailureCause.CANNOT_CONNECT_NOW;
            case "53300":
                return FailureCause.TOO_MANY_CONNECTIONS;
            case "40001":
                return FailureCause.SERIALIZATION_FAILURE;
            case "40P01":
                return FailureCause.DEADLOCK;
            case "57014":
                return FailureCause.QUERY_CANCELED;
            case "LM001", "LM002":
                return FailureCause.REFUSED_BY_GUARD;
            case "0A000":
                return FailureCause.INVALID_STATEMENT;
            default:
                break;
        }
        return switch (state.substring(0, 2)) {
            case "08" -> FailureCause.CONNECTION_LOST;
            case "23" -> FailureCause.CONSTRAINT_VIOLATION;
            case "42" -> FailureCause.INVALID_STATEMENT;
            case "22" -> FailureCause.INVALID_DATA;
            case "28" -> message.contains(IAM_REJECTION_MESSAGE) ? FailureCause.IAM_TOKEN_REJECTED
                    : FailureCause.AUTHENTICATION_FAILED;
            default -> null;
        };
    }
}
