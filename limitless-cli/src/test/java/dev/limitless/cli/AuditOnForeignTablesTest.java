package dev.limitless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** audit --jdbc-url when the tables look as Aurora's routers show them: foreign tables. */
@LimitlessPostgres(shards = 4)
class AuditOnForeignTablesTest {

    @Test
    void liveAuditReadsTheCatalogOfForeignTables(TestDatabase database) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE accounts (account_id bigint PRIMARY KEY, owner text);
                    COMMIT;
                    CREATE TABLE pg_stat_statements (query text, calls bigint);
                    INSERT INTO pg_stat_statements VALUES ('SELECT owner FROM accounts WHERE account_id = $1', 900),
                        ('SELECT count(*) FROM accounts', 25);
                    CALL rds_aurora.limitless_local_present_as_foreign_tables();
                    """);
        }
        AuditCommandTest.Run run = AuditCommandTest.run("audit", "--jdbc-url", database.jdbcUrl(), "--user",
                database.username(), "--password", database.password(), "--format", "jsonl");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out().lines().toList().get(0)).contains("\"route\": \"SINGLE_SHARD\"", "public.accounts");
        assertThat(run.out().lines().toList().get(1)).contains("\"route\": \"SCATTER\"", "\"refused\": true");
    }
}
