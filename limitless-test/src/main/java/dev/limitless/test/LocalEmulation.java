package dev.limitless.test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Installs the local Limitless emulation of limitless-core into a database.
 *
 * <p>limitless-test does not depend on limitless-core at compile time (core's own tests use this module, and a
 * Maven cycle is not allowed), so the installer is looked up once by name. Every user of limitless-test has core
 * on the class path.
 */
final class LocalEmulation {

    static final String INSTALLER_CLASS = "dev.limitless.local.LocalLimitless";

    private LocalEmulation() {
    }

    static void install(Connection connection, int shards) throws SQLException {
        Method install = installer();
        try {
            install.invoke(null, connection, shards);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sqlException) {
                throw sqlException;
            }
            if (cause instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method installer() {
        try {
            return Class.forName(INSTALLER_CLASS).getMethod("install", Connection.class, int.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The local Limitless emulation needs limitless-core on the class path ("
                    + INSTALLER_CLASS + " was not found). Add dev.limitless:limitless-core, or ask for a plain"
                    + " database with @LimitlessPostgres(shards = 0).", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(INSTALLER_CLASS + " has no install(Connection, int): limitless-core and"
                    + " limitless-test must have the same version.", e);
        }
    }
}
