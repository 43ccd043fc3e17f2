package dev.limitless.ddl;

import static dev.limitless.ddl.SchemaTranslatorTest.catalog;
import static dev.limitless.ddl.SchemaTranslatorTest.resource;
import static dev.limitless.ddl.TranslatedSchemaOnEmulationTest.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.ddl.LimitlessDdl.Style;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways docs/ddl.md documents for running Limitless DDL with Flyway, each on the local emulation (the Java migration
 * that generates the DDL from entities is in limitless-data-jdbc: {@code FlywayEntityMigrationTest}).
 */
class FlywayMigrationTest {

    @TempDir
    Path migrations;

    private static final String LIMITLESS_TABLES = "SELECT table_name || ' ' || table_type FROM rds_aurora.limitless_tables"
            + " WHERE table_type <> 'standard' ORDER BY 1";

    @Test
    void insideTransactionScriptRunsAsAnOrdinarySqlMigration() throws IOException, SQLException {
        Files.writeString(migrations.resolve("V1__ledger.sql"), LimitlessDdl.translate(resource("ledger-schema.sql"),
                "ledger-schema.sql", catalog("ledger-catalog.yaml"), Style.INSIDE_TRANSACTION).scriptOrThrow());

        try (TestDatabase database = PostgresServers.shared().createDatabase("flyway_inside", 4)) {
            migrate(database, "filesystem:" + migrations);

            assertThat(query(database, LIMITLESS_TABLES))
                    .containsExactly("accounts sharded", "currencies reference", "transactions sharded");
        }
    }

    @Test
    void transactionBlockScriptRunsWithExecuteInTransactionFalse() throws IOException, SQLException {
        // VACUUM fails inside a transaction block: it proves Flyway honours the script configuration
        Files.writeString(migrations.resolve("V1__ledger.sql"), LimitlessDdl.translate(resource("ledger-schema.sql"),
                "ledger-schema.sql", catalog("ledger-catalog.yaml"), Style.TRANSACTION_BLOCKS).scriptOrThrow()
                + "\nVACUUM audit_log;\n");
        Files.writeString(migrations.resolve("V1__ledger.sql.conf"), "executeInTransaction=false\n");

        try (TestDatabase database = PostgresServers.shared().createDatabase("flyway_blocks", 4)) {
            migrate(database, "filesystem:" + migrations);

            assertThat(query(database, LIMITLESS_TABLES))
                    .containsExactly("accounts sharded", "currencies reference", "transactions sharded");
            assertThat(query(database, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'transactions'::regclass"))
                    .containsExactly("4");
        }
    }

    private static void migrate(TestDatabase database, String location) {
        Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations(location).load().migrate();
    }

    private static List<String> query(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            return rows(statement, sql);
        }
    }
}
