package dev.limitless.iam;

import java.sql.SQLException;

/**
 * The server did not accept a TLS connection, so no IAM token was sent. SQLState {@code 08004} (connection
 * rejected).
 */
public final class IamTlsException extends SQLException {

    private static final long serialVersionUID = 1L;

    IamTlsException(String target, TlsMode mode, SQLException cause) {
        super("IAM authentication needs TLS, and the connection to " + target + " with sslmode=" + mode.sslMode()
                + " failed before any token was sent: " + cause.getMessage() + ". RDS endpoints always offer TLS: check"
                + " that the URL names the RDS endpoint, that the CA bundle (sslrootcert) is the RDS bundle, and, behind"
                + " a tunnel, use TlsMode.VERIFY_CA with an explicit signing host.", "08004", cause);
    }
}
