package dev.limitless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@LimitlessPostgres(shards = 4)
class AuditCommandTest {

    static final String CATALOG = """
            tables:
              - name: accounts
                mode: sharded
                shardKey: [account_id]
              - name: transactions
                mode: sharded
                shardKey: [account_id]
                collocateWith: accounts
              - name: currencies
                mode: reference
            """;

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine commandLine = LimitlessCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void jsonlPrintsOneObjectPerStatementWithTheContractFields() throws IOException {
        Path catalog = write("catalog.yaml", CATALOG);
        Path script = write("app.sql", """
                SELECT * FROM accounts WHERE account_id = ?;
                SELECT * FROM transactions WHERE note = 'a;b' AND account_id IN (1, 2);
                SELECT $body$ ; $body$, code FROM currencies;
                SELECT count(*) FROM transactions;
                SELECT * FROM accounts WHERE ((( broken;
                SET search_path TO public;
                """);
        Run run = run("audit", "--catalog", catalog.toString(), "--input", script.toString(), "--format", "jsonl", "--fail-on", "never");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "{\"sql\": \"SELECT * FROM accounts WHERE account_id = ?\", \"route\": \"SINGLE_SHARD\", \"refused\": false, \"tables\": [\"public.accounts\"], \"reasons\": [\"every sharded table is pinned to shard key ?1\"]}",
                "{\"sql\": \"SELECT * FROM transactions WHERE note = 'a;b' AND account_id IN (1, 2)\", \"route\": \"MULTI_SHARD\", \"refused\": false, \"tables\": [\"public.transactions\"], \"reasons\": [\"shard key restricted to 2 values: (a literal) | (a literal)\"]}",
                "{\"sql\": \"SELECT $body$ ; $body$, code FROM currencies\", \"route\": \"REFERENCE\", \"refused\": false, \"tables\": [\"public.currencies\"], \"reasons\": [\"reads only reference tables, answered on any shard\"]}",
                "{\"sql\": \"SELECT count(*) FROM transactions\", \"route\": \"SCATTER\", \"refused\": true, \"tables\": [\"public.transactions\"], \"reasons\": [\"public.transactions has no equality on its full shard key (account_id) to a value or to a key-joined table that has one, so it is read on every shard\"]}",
                run.out().lines().toList().get(4));
        // the semicolon after the unclosed parentheses splits nothing, for PostgreSQL as for the audit: one refused text
        assertThat(run.out().lines().toList().get(4)).startsWith("{\"sql\": \"SELECT * FROM accounts WHERE ((( broken;\\nSET search_path TO public;\", \"route\": \"UNKNOWN\", \"refused\": true");
    }

    @Test
    void failOnDecidesTheExitCode() throws IOException {
        Path catalog = write("catalog.yaml", CATALOG);
        Path multi = write("multi.sql", "SELECT * FROM accounts WHERE account_id IN (1, 2);");
        Path scatter = write("scatter.sql", "SELECT * FROM accounts;");
        assertThat(run("audit", "--catalog", catalog.toString(), "--input", multi.toString()).exitCode()).isZero();
        assertThat(run("audit", "--catalog", catalog.toString(), "--input", multi.toString(), "--fail-on", "multi").exitCode()).isEqualTo(1);
        assertThat(run("audit", "--catalog", catalog.toString(), "--input", scatter.toString()).exitCode()).isEqualTo(1);
        assertThat(run("audit", "--catalog", catalog.toString(), "--input", scatter.toString(), "--fail-on", "never").exitCode()).isZero();
    }

    @Test
    void tableFormatNamesLineRouteAndReason() throws IOException {
        Path catalog = write("catalog.yaml", CATALOG);
        Path script = write("app.sql", "SELECT 1;\n\nDELETE FROM accounts WHERE owner = 'x';\n");
        Run run = run("audit", "--catalog", catalog.toString(), "--input", script.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("3     SCATTER      yes").contains("public.accounts has no equality").contains("2 statements");
    }

    @Test
    void missingInputIsAUsageErrorNamingTheFile() throws IOException {
        Path catalog = write("catalog.yaml", CATALOG);
        Run run = run("audit", "--catalog", catalog.toString(), "--input", dir.resolve("nope.sql").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.sql");
        assertThat(run("audit", "--catalog", catalog.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void hostileScriptsNeverCrashTheAudit() throws IOException {
        Path catalog = write("catalog.yaml", CATALOG);
        Path script = write("hostile.sql", "SELECT " + "(".repeat(3000) + "1;\nSELECT '\u0001\"\\' FROM accounts;\nSELECT 'unterminated");
        Run run = run("audit", "--catalog", catalog.toString(), "--input", script.toString(), "--format", "jsonl");
        assertThat(run.exitCode()).isEqualTo(1);
        // unclosed parentheses keep every later semicolon inside them: PostgreSQL reads (and rejects) one text
        assertThat(run.out().lines()).hasSize(1).allSatisfy(line -> assertThat(line).startsWith("{\"sql\": ").endsWith("}")
                .contains("\"refused\": true"));
        assertThat(run.out()).contains("\\u0001\\\"\\\\");
    }

    @Test
    void liveAuditReadsStatementStatisticsAndEstimatesScatterCost(TestDatabase database) throws SQLException {
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
                    """);
        }
        Run run = run("audit", "--jdbc-url", database.jdbcUrl(), "--user", database.username(), "--password",
                database.password(), "--format", "jsonl");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out().lines()).containsExactly(
                "{\"sql\": \"SELECT owner FROM accounts WHERE account_id = $1\", \"route\": \"SINGLE_SHARD\", \"refused\": false, \"tables\": [\"public.accounts\"], \"reasons\": [\"every sharded table is pinned to shard key $1\"], \"calls\": 900}",
                "{\"sql\": \"SELECT count(*) FROM accounts\", \"route\": \"SCATTER\", \"refused\": true, \"tables\": [\"public.accounts\"], \"reasons\": [\"public.accounts has no equality on its full shard key (account_id) to a value or to a key-joined table that has one, so it is read on every shard\"], \"calls\": 25, \"scatterCost\": 100}");
    }

    @Test
    void liveAuditSumsTheRoutersCallsTakesTheSingleShardShareFromSsoCallsAndRanksByWhatWasNotSingleShard(
            TestDatabase database) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE wallets (account_id bigint PRIMARY KEY, owner text);
                    COMMIT;
                    SELECT rds_aurora.limitless_stat_statements_reset();
                    -- two routers share the executions; the shards' fragments are not executions
                    SELECT rds_aurora.limitless_local_record_statement('1', 'router', 'SELECT owner FROM wallets WHERE account_id = $1', 600, 600);
                    SELECT rds_aurora.limitless_local_record_statement('2', 'router', 'SELECT owner FROM wallets WHERE account_id = $1', 400, 300);
                    SELECT rds_aurora.limitless_local_record_statement('3', 'shard', 'SELECT owner FROM wallets WHERE account_id = $1', 700, 0);
                    SELECT rds_aurora.limitless_local_record_statement('4', 'shard', 'SELECT owner FROM wallets WHERE account_id = $1', 300, 0);
                    SELECT rds_aurora.limitless_local_record_statement('1', 'router', 'SELECT count(*) FROM wallets', 30, 0);
                    SELECT rds_aurora.limitless_local_record_statement('3', 'shard', 'SELECT count(*) FROM wallets', 30, 0);
                    SELECT rds_aurora.limitless_local_record_statement('4', 'shard', 'SELECT count(*) FROM wallets', 30, 0);
                    SELECT rds_aurora.limitless_local_record_statement('1', 'router', 'SELECT owner FROM wallets WHERE account_id = 7', 5000, 5000);
                    """);
        }
        Run run = run("audit", "--jdbc-url", database.jdbcUrl(), "--user", database.username(), "--password",
                database.password(), "--format", "jsonl", "--fail-on", "never");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        // 100 calls not single-shard (1000 - 900) outrank 30 scatter calls and 5000 single-shard ones
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("{\"sql\": \"SELECT owner FROM wallets WHERE account_id = $1\", \"route\": \"SINGLE_SHARD\"")
                .contains("\"calls\": 1000, \"ssoCalls\": 900, \"notSingleShardCalls\": 100, \"singleShardFraction\": 0.9000")
                .contains("Aurora ran 100 of 1000 calls without single-shard optimization");
        assertThat(lines.get(1)).startsWith("{\"sql\": \"SELECT count(*) FROM wallets\", \"route\": \"SCATTER\"")
                .contains("\"calls\": 30, \"ssoCalls\": 0, \"notSingleShardCalls\": 30, \"singleShardFraction\": 0.0000");
        assertThat(lines.get(2)).contains("\"calls\": 5000, \"ssoCalls\": 5000, \"notSingleShardCalls\": 0");

        Run table = run("audit", "--jdbc-url", database.jdbcUrl(), "--user", database.username(), "--password",
                database.password(), "--fail-on", "never");
        assertThat(table.out()).contains("calls 1000, single-shard 900 (90.0%), not single-shard 100;");
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT rds_aurora.limitless_stat_statements_reset()");
        }
    }
}
