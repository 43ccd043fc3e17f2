package dev.limitless.flyway;

import java.util.concurrent.Callable;
import org.flywaydb.core.internal.database.base.Schema;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.database.postgresql.PostgreSQLConnection;

/** Flyway's PostgreSQL connection, locking with a row lock instead of an advisory lock. */
final class LimitlessPostgresConnection extends PostgreSQLConnection {

    LimitlessPostgresConnection(LimitlessPostgresDatabase database, java.sql.Connection connection) {
        super(database, connection);
    }

    @Override
    public Schema getSchema(String name) {
        return new LimitlessPostgresSchema(jdbcTemplate, (LimitlessPostgresDatabase) database, name);
    }

    @Override
    public <T> T lock(Table table, Callable<T> callable) {
        return new MigrationRowLock(jdbcTemplate, database, table.getSchema().getName(), table.getName() + "_lock")
                .execute(callable);
    }
}
