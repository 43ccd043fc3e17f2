package dev.limitless.autoconfigure.flyway;

/** Flyway is about to run on Aurora Limitless (or its emulation) without limitless' database type. */
public final class LimitlessFlywayUnavailableException extends IllegalStateException {

    LimitlessFlywayUnavailableException() {
        super("Flyway is about to migrate an Aurora Limitless database (it has rds_aurora.limitless_tables) without"
                + " limitless' Flyway database type, so it would lock with a PostgreSQL advisory lock, which Limitless"
                + " refuses ('acquiring pg_advisory_lock is not supported in limitless database').");
    }
}
