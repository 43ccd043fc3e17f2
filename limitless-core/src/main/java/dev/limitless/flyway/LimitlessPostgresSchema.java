package dev.limitless.flyway;

import java.sql.SQLException;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;
import org.flywaydb.database.postgresql.PostgreSQLSchema;
import org.flywaydb.database.postgresql.PostgreSQLTable;

/** Flyway's PostgreSQL schema whose tables are found when the routers present them as foreign tables. */
final class LimitlessPostgresSchema extends PostgreSQLSchema {

    LimitlessPostgresSchema(JdbcTemplate jdbcTemplate, LimitlessPostgresDatabase database, String name) {
        super(jdbcTemplate, database, name);
    }

    @Override
    public Table getTable(String tableName) {
        return new HistoryTable(jdbcTemplate, (LimitlessPostgresDatabase) database, this, tableName);
    }

    /** A table that exists as an ordinary, partitioned or foreign table (how Aurora's routers show every table). */
    static final class HistoryTable extends PostgreSQLTable {

        HistoryTable(JdbcTemplate jdbcTemplate, LimitlessPostgresDatabase database, LimitlessPostgresSchema schema, String name) {
            super(jdbcTemplate, database, schema, name);
        }

        @Override
        protected boolean doExists() throws SQLException {
            return exists(jdbcTemplate, schema.getName(), name);
        }

        static boolean exists(JdbcTemplate jdbcTemplate, String schema, String table) throws SQLException {
            return jdbcTemplate.queryForBoolean("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'f'))", schema, table);
        }
    }
}
