package dev.limitless.local;

import java.sql.SQLException;

/**
 * The local Limitless emulation was not installed because the database is not one it may change: the server reports
 * Amazon Aurora or RDS, or (in the starter's local mode) the database was not created by the library. SQLState
 * {@code 55000} (object not in prerequisite state).
 */
public final class LocalInstallRefusedException extends SQLException {

    private static final long serialVersionUID = 1L;

    public LocalInstallRefusedException(String message) {
        super(message, "55000");
    }
}
