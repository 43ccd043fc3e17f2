package dev.limitless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@LimitlessPostgres(shards = 0)
class LocalInstallCommandTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void installsTheEmulationWithTheGivenShardCount() throws SQLException {
        Result result = run("local-install", "--jdbc-url", database.jdbcUrl(), "--user", database.username(), "--shards", "4");
        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out).contains("Installed the local Limitless emulation (4 shards) into " + database.name());
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"id\"}'; CREATE TABLE t (id int PRIMARY KEY); COMMIT;");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_inherits WHERE inhparent = 't'::regclass")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(4);
            }
        }
        assertThat(run("local-install", "--jdbc-url", database.jdbcUrl(), "--user", database.username(), "--shards", "4").exitCode)
                .as("installing again is harmless").isZero();
    }

    @Test
    void registersTheRoutersGivenAndRefusesABadLoad() throws SQLException {
        Result result = run("local-install", "--jdbc-url", database.jdbcUrl(), "--user", database.username(), "--shards", "4",
                "--router", "127.0.0.2=0.25", "--router", "127.0.0.3");
        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out).contains("Registered transaction router 127.0.0.2 (load 0.25)");
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select router_endpoint, load from pg_catalog.aurora_limitless_router_endpoints()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("127.0.0.2");
            assertThat(rs.getFloat(2)).isEqualTo(0.25f);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("127.0.0.3");
            assertThat(rs.next()).isFalse();
        } finally {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT rds_aurora.limitless_local_remove_router('127.0.0.2'), rds_aurora.limitless_local_remove_router('127.0.0.3')");
            }
        }
        Result bad = run("local-install", "--jdbc-url", database.jdbcUrl(), "--user", database.username(), "--shards", "4",
                "--router", "127.0.0.2=3");
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err).contains("--router takes ENDPOINT or ENDPOINT=LOAD");
    }

    @Test
    void theInstalledEmulationAppliesTheActiveShardKey() throws SQLException {
        assertThat(run("local-install", "--jdbc-url", database.jdbcUrl(), "--user", database.username(), "--shards", "4").exitCode)
                .isZero();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';"
                    + " SET LOCAL rds_aurora.limitless_create_table_shard_key='{\"tenant_id\"}';"
                    + " CREATE TABLE cli_notes (tenant_id bigint, note_id int, PRIMARY KEY (tenant_id, note_id)); COMMIT;");
            s.execute("INSERT INTO cli_notes VALUES (1, 1), (2, 2), (2, 3)");
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cli_app') THEN"
                    + " CREATE ROLE cli_app LOGIN PASSWORD 'cli_app'; END IF; END $$");
            s.execute("GRANT SELECT, INSERT ON cli_notes TO cli_app");
        }
        // an ordinary role, as an application on Aurora (row-level security never applies to superusers)
        try (Connection c = java.sql.DriverManager.getConnection(database.jdbcUrl(), "cli_app", "cli_app");
             Statement s = c.createStatement()) {
            s.execute("SET rds_aurora.limitless_active_shard_key = '{\"2\"}'");
            s.execute("INSERT INTO cli_notes (note_id) VALUES (4)");
            try (ResultSet rs = s.executeQuery("SELECT tenant_id, note_id FROM cli_notes ORDER BY note_id")) {
                java.util.List<String> rows = new java.util.ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getLong(1) + ":" + rs.getInt(2));
                }
                assertThat(rows).containsExactly("2:2", "2:3", "2:4");
            }
        }
    }

    @Test
    void refusesAServerThatReportsAurora() throws SQLException {
        try (TestDatabase aurora = dev.limitless.test.PostgresServers.shared().createDatabase("cli_aurora_like", 0)) {
            try (Connection c = aurora.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE FUNCTION public.aurora_version() RETURNS text LANGUAGE sql AS $$SELECT '16.6.3'$$");
            }

            Result result = run("local-install", "--jdbc-url", aurora.jdbcUrl(), "--user", aurora.username(), "--shards", "4");

            assertThat(result.exitCode).isEqualTo(2);
            assertThat(result.err).startsWith("limitless local-install: Refusing to install the local Limitless emulation:")
                    .contains("aurora_version()");
            try (Connection c = aurora.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT to_regclass('rds_aurora.limitless_local_settings') IS NULL")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("nothing installed").isTrue();
            }
        }
    }

    @Test
    void badInputExitsWithTwoAndSaysWhy() {
        Result wrongUrl = run("local-install", "--jdbc-url", "jdbc:mysql://localhost/x");
        assertThat(wrongUrl.exitCode).isEqualTo(2);
        assertThat(wrongUrl.err).contains("--jdbc-url must start with jdbc:postgresql:");

        Result wrongShards = run("local-install", "--jdbc-url", database.jdbcUrl(), "--shards", "0");
        assertThat(wrongShards.exitCode).isEqualTo(2);
        assertThat(wrongShards.err).contains("--shards must be between 1 and 512");

        Result missing = run("local-install");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("Missing required option: '--jdbc-url=URL'");

        Result unreachable = run("local-install", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "--user", "x");
        assertThat(unreachable.exitCode).isEqualTo(2);
        assertThat(unreachable.err).startsWith("limitless local-install: ");
    }

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var commandLine = LimitlessCommand.commandLine();
        commandLine.setOut(new java.io.PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        commandLine.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
