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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@LimitlessPostgres(shards = 4)
class DdlCommandTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = LimitlessCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text);
    }

    private Path catalog() throws IOException {
        return write("catalog.yaml", """
                tables:
                  - name: accounts
                    mode: sharded
                    shardKey: [account_id]
                  - name: entries
                    mode: sharded
                    shardKey: [account_id]
                    collocateWith: accounts
                  - name: currencies
                    mode: reference
                """);
    }

    @Test
    void printsAScriptThatTheEmulationAcceptsAsDeclared() throws Exception {
        Path schema = write("schema.sql", """
                CREATE TABLE currencies (code char(3) PRIMARY KEY);
                CREATE TABLE accounts (account_id bigint PRIMARY KEY, currency char(3) REFERENCES currencies);
                CREATE TABLE entries (
                    account_id bigint NOT NULL REFERENCES accounts,
                    entry_id bigint NOT NULL,
                    PRIMARY KEY (account_id, entry_id)
                );
                CREATE VIEW balances AS SELECT account_id, count(*) FROM entries GROUP BY account_id;
                """);

        int exit = run("ddl", "--catalog", catalog().toString(), "--input", schema.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(out.toString());
            try (ResultSet rs = statement.executeQuery("SELECT string_agg(table_name || ':' || table_type, ',' ORDER BY table_name)"
                    + " FROM rds_aurora.limitless_tables WHERE table_type <> 'standard'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("accounts:sharded,currencies:reference,entries:sharded");
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_inherits WHERE inhparent = 'entries'::regclass")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(4);
            }
        }
    }

    @Test
    void exitsOneListingEveryViolationWithFileAndLine() throws IOException {
        Path schema = write("bad.sql", """
                CREATE TABLE currencies (code char(3));
                CREATE TABLE accounts (account_id bigint, email text PRIMARY KEY);
                CREATE TABLE entries (account_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
                """);

        int exit = run("ddl", "--catalog", catalog().toString(), "--input", schema.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains(
                schema + ":1: error [reference-primary-key] public.currencies",
                schema + ":2: error [primary-key-shard-key] public.accounts (account_id)",
                schema + ":3: error [no-identity] public.entries (account_id)",
                "3 rule(s) broken");
    }

    @Test
    void exitsTwoWhenTheCatalogNamesATableTheSchemaLacks() throws IOException {
        Path schema = write("partial.sql", "CREATE TABLE accounts (account_id bigint PRIMARY KEY);\n");

        int exit = run("ddl", "--catalog", catalog().toString(), "--input", schema.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("public.entries, public.currencies");
    }

    @Test
    void exitsTwoOnUnreadableSqlOrMissingFiles() throws IOException {
        Path schema = write("broken.sql", "CREATE TABLE a (x int);\nCREATE TABLE b (y text DEFAULT $$never closed);\n");

        assertThat(run("ddl", "--catalog", catalog().toString(), "--input", schema.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(schema + ":2: cannot read the SQL: unterminated dollar-quoted string $$");
        assertThat(run("ddl", "--catalog", catalog().toString(), "--input", directory.resolve("nope.sql").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.sql does not exist");
    }
}
