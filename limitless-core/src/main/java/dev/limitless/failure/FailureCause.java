package dev.limitless.failure;

import java.util.Locale;

/**
 * Why a database operation failed, as far as its SQLState, message and exception type tell. Each cause belongs to
 * one {@link FailureClass}; the table with every SQLState and message and where each comes from is in
 * {@code docs/failures.md}.
 */
public enum FailureCause {
    /** The connection broke during use: SQLState class {@code 08} (except 08001/08004), an I/O error. */
    CONNECTION_LOST(FailureClass.TRANSIENT),
    /** No connection could be opened: {@code 08001}, {@code 08004}, or the pool timed out waiting for one. */
    CANNOT_CONNECT(FailureClass.TRANSIENT),
    /** The server ended the session: {@code 57P01} admin shutdown (also {@code pg_terminate_backend}), {@code 57P02}. */
    ADMIN_SHUTDOWN(FailureClass.TRANSIENT),
    /** The server does not accept connections yet or any more: {@code 57P03} (starting up, shutting down, recovery). */
    CANNOT_CONNECT_NOW(FailureClass.TRANSIENT),
    /** {@code 53300}: every connection slot of the server (or router) is taken. */
    TOO_MANY_CONNECTIONS(FailureClass.TRANSIENT),
    /** {@code 40001}: the transaction could not be serialized with a concurrent one. */
    SERIALIZATION_FAILURE(FailureClass.TRANSIENT),
    /** {@code 40P01}: PostgreSQL's deadlock detector chose this transaction. */
    DEADLOCK(FailureClass.TRANSIENT),
    /** Aurora Limitless' routers aborted the transaction: "aborting transaction participating in a distributed deadlock". */
    DISTRIBUTED_DEADLOCK(FailureClass.TRANSIENT),
    /**
     * {@code 28000}/{@code 28P01} with the message of PAM, through which RDS and Aurora check IAM tokens ("PAM
     * authentication failed"): a token that expired or was signed ahead of the server's clock. A new connection
     * with a newly minted token may succeed.
     */
    IAM_TOKEN_REJECTED(FailureClass.TRANSIENT),
    /** {@code 57014}: statement timeout or cancel. Running the same statement again usually times out again. */
    QUERY_CANCELED(FailureClass.UNKNOWN),
    /** limitless refused the statement before sending it: {@code LM001} (guard), {@code LM002} (pinning). */
    REFUSED_BY_GUARD(FailureClass.PERMANENT),
    /** SQLState class {@code 23}: a unique, foreign-key, not-null or check constraint. */
    CONSTRAINT_VIOLATION(FailureClass.PERMANENT),
    /** SQLState class {@code 42} (syntax, unknown object, privilege) or {@code 0A000} (not supported, e.g. on Limitless). */
    INVALID_STATEMENT(FailureClass.PERMANENT),
    /** SQLState class {@code 22}: a value out of range, a bad format, division by zero. */
    INVALID_DATA(FailureClass.PERMANENT),
    /** SQLState class {@code 28} without the IAM message: wrong user or password. */
    AUTHENTICATION_FAILED(FailureClass.PERMANENT),
    /** Anything else. */
    OTHER(FailureClass.UNKNOWN);

    private final FailureClass failureClass;
    private final String tag;

    FailureCause(FailureClass failureClass) {
        this.failureClass = failureClass;
        this.tag = name().toLowerCase(Locale.ROOT);
    }

    /** The class this cause belongs to. */
    public FailureClass failureClass() {
        return failureClass;
    }

    /** The lower-case name used as the {@code cause} tag of {@code limitless.retries}. */
    public String tag() {
        return tag;
    }
}
