package dev.limitless.repository.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.ddl.LimitlessDdl.Style;
import dev.limitless.ddl.TypeMapping;
import dev.limitless.repository.mapping.entities.Account;
import dev.limitless.repository.mapping.entities.Currency;
import dev.limitless.repository.mapping.entities.LedgerEntry;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

/** The Java migration of docs/ddl.md: the DDL generated from entities, run by Flyway in its transaction. */
class FlywayEntityMigrationTest {

    /** A Java migration generating the DDL from entities; Flyway runs it in its transaction. */
    public static final class V1__Ledger_entities extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws SQLException {
            String script = EntityDdl.fromEntities("public", TypeMapping.defaults(), Style.INSIDE_TRANSACTION,
                    Account.class, LedgerEntry.class, Currency.class).scriptOrThrow();
            try (Statement statement = context.getConnection().createStatement()) {
                statement.execute(script);
            }
        }
    }

    @Test
    void javaMigrationRunsGeneratedEntityDdl() throws SQLException {
        try (TestDatabase database = PostgresServers.shared().createDatabase("flyway_java", 4)) {
            Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                    .javaMigrations(new V1__Ledger_entities()).locations(new String[0]).load().migrate();

            List<String> tables = new ArrayList<>();
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT table_name || ' ' || table_type FROM rds_aurora.limitless_tables"
                            + " WHERE table_type <> 'standard' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).containsExactly("accounts sharded", "currency reference", "ledger_entry sharded");
        }
    }
}
