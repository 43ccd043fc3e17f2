package dev.limitless.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The emulation refuses a server that reports Aurora or RDS, and is not fooled by a plain session's settings. */
class LocalInstallGuardTest {

    @Test
    void refusesAServerThatReportsAurora() throws SQLException {
        try (TestDatabase database = PostgresServers.shared().createDatabase("aurora_like", 0);
                Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            // what Aurora PostgreSQL answers to SELECT aurora_version()
            statement.execute("CREATE FUNCTION public.aurora_version() RETURNS text LANGUAGE sql AS $$SELECT '16.6.3'$$");

            assertThatThrownBy(() -> LocalLimitless.install(connection, 4))
                    .isInstanceOf(LocalInstallRefusedException.class)
                    .hasMessageContaining("reports Amazon Aurora or RDS (it has the function aurora_version())")
                    .hasMessageContaining("limitless.local")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("55000");
            assertThat(LocalLimitless.isInstalled(connection)).isFalse();
        }
    }

    @Test
    void aPlainSessionThatSetsRdsAuroraSettingsIsNotMistakenForAurora() throws SQLException {
        try (TestDatabase database = PostgresServers.shared().createDatabase("plain_with_settings", 0);
                Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET rds_aurora.limitless_create_table_mode = 'sharded'");

            LocalLimitless.install(connection, 2);

            assertThat(LocalLimitless.shardCount(connection)).isEqualTo(2);
        }
    }
}
