package dev.limitless.pinning;

import java.sql.SQLException;

/**
 * A statement or driver setting was refused because it would pin the client session to one database connection
 * (RDS Proxy) or leak session state to other clients (transaction-pooling PgBouncer), and the pinning policy says
 * refuse for its reason. Nothing was sent to the database.
 */
public final class PinningRefusedException extends SQLException {

    /**
     * SQLState of the refusal: class {@code LM}, implementation-defined (as the guard's {@code LM001}), so that no
     * pool evicts the connection for it; HikariCP evicts on {@code 0A000}.
     */
    public static final String SQL_STATE = "LM002";

    private final transient PinningReason reason;

    public PinningRefusedException(PinningReason reason, String message) {
        super(message, SQL_STATE);
        this.reason = reason;
    }

    /** Why the statement pins. */
    public PinningReason reason() {
        return reason;
    }
}
