package dev.limitless.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DedicatedPostgresServerTest {

    static DedicatedPostgresServer server;
    static TestDatabase database;

    @BeforeAll
    static void start() {
        server = DedicatedPostgresServer.start(Map.of("max_connections", "12", "synchronous_commit", "on"));
        database = server.createDatabase("dedicated", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void runsWithTheGivenSettings() throws SQLException {
        assertThat(query(database.connect(), "SHOW max_connections")).isEqualTo("12");
        assertThat(query(database.connect(), "SHOW synchronous_commit")).isEqualTo("on");
    }

    @Test
    void keepsItsPortAndDataAcrossStopAndStart() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survivors (id int PRIMARY KEY)");
            statement.execute("INSERT INTO survivors VALUES (1), (2)");
        }
        int port = server.port();
        try (Connection open = database.connect()) {
            server.stop("fast");
            assertThat(server.running()).isFalse();
            assertThatThrownBy(() -> query(open, "SELECT 1")).isInstanceOf(SQLException.class);
            assertThatThrownBy(database::connect).isInstanceOf(SQLException.class);
        } catch (SQLException closingABrokenConnection) {
            // closing a connection to a stopped server may complain; the assertions above are what matter
        }
        server.start();
        assertThat(server.port()).isEqualTo(port);
        assertThat(query(database.connect(), "SELECT count(*) FROM survivors")).isEqualTo("2");
    }

    @Test
    void pgBouncerMultiplexesClientsOntoItsPool() throws Exception {
        Optional<Path> binary = PgBouncer.binary();
        assumeTrue(binary.isPresent(), "pgbouncer is not installed: apt-get install pgbouncer (or brew install pgbouncer)");
        try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE bouncer_app LOGIN PASSWORD 'secret-for-tests'");
            statement.execute("GRANT ALL ON SCHEMA public TO bouncer_app");
        }
        try (PgBouncer bouncer = PgBouncer.start(binary.get(), database.jdbcUrl(), "bouncer_app", "secret-for-tests", 1, 20);
             Connection first = DriverManager.getConnection(bouncer.jdbcUrl(database.name()), "bouncer_app", "");
             Connection second = DriverManager.getConnection(bouncer.jdbcUrl(database.name()), "bouncer_app", "")) {
            assertThat(query(first, "SELECT current_user")).isEqualTo("bouncer_app");
            assertThat(query(second, "SELECT current_user")).isEqualTo("bouncer_app");
            assertThat(query(database.connect(),
                    "SELECT count(*) FROM pg_stat_activity WHERE usename = 'bouncer_app'")).isEqualTo("1");
        }
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (connection; Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
