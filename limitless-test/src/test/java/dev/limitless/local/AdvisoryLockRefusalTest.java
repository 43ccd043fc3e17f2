package dev.limitless.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Aurora's routers refuse advisory locks; the emulation refuses them with the same message. */
@LimitlessPostgres(shards = 2)
class AdvisoryLockRefusalTest {

    static final String AURORA_MESSAGE = "acquiring pg_advisory_lock is not supported in limitless database";

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT pg_advisory_lock(1)", "SELECT pg_advisory_lock(1, 2)",
            "SELECT pg_advisory_lock_shared(1)", "SELECT pg_advisory_lock_shared(1, 2)",
            "SELECT pg_try_advisory_lock(1)", "SELECT pg_try_advisory_lock(1, 2)",
            "SELECT pg_try_advisory_lock_shared(1)", "SELECT pg_try_advisory_lock_shared(1, 2)",
            "SELECT pg_advisory_xact_lock(1)", "SELECT pg_advisory_xact_lock(1, 2)",
            "SELECT pg_advisory_xact_lock_shared(1)", "SELECT pg_advisory_xact_lock_shared(1, 2)",
            "SELECT pg_try_advisory_xact_lock(1)", "SELECT pg_try_advisory_xact_lock(1, 2)",
            "SELECT pg_try_advisory_xact_lock_shared(1)", "SELECT pg_try_advisory_xact_lock_shared(1, 2)",
            "SELECT pg_try_advisory_xact_lock(746341)::text"})
    void refusesEveryAdvisoryLockWithAurorasMessage(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(sql))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(AURORA_MESSAGE)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
        }
    }

    @Test
    void refusesThroughABoundParameterToo() throws SQLException {
        try (Connection c = database.connect(); var ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, 42L);
            assertThatThrownBy(ps::executeQuery).hasMessageContaining(AURORA_MESSAGE);
        }
    }

    @Test
    void unqualifiedCreateStillLandsInPublic() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE advisory_probe (id int PRIMARY KEY)");
            try (ResultSet rs = s.executeQuery("SELECT relnamespace::regnamespace::text FROM pg_class WHERE relname = 'advisory_probe'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("public");
            }
            s.execute("DROP TABLE advisory_probe");
        }
    }

    @Test
    void qualifiedPgCatalogCallIsNotCaught() throws SQLException {
        // the documented limit of the emulation: Aurora would refuse this too
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_try_advisory_lock(7), pg_catalog.pg_advisory_unlock(7)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    @Test
    void reinstallingKeepsOneEntryInTheSearchPath() throws SQLException {
        try (Connection c = database.connect()) {
            LocalLimitless.install(c, 2);
        }
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW search_path")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("\"$user\", public, rds_aurora_local_router, pg_catalog");
        }
    }

    @Test
    void otherDatabasesOfTheServerKeepTheirAdvisoryLocks() throws SQLException {
        try (TestDatabase plain = PostgresServers.shared().createDatabase("plain_advisory", 0);
             Connection c = plain.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(7), pg_advisory_unlock(7)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }
}
