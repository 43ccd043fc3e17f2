package dev.limitless.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.pinning.Topology;
import dev.limitless.pinning.internal.TopologyDetection;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What the emulation answers where Aurora's shard group lists its transaction routers, without any local router
 * running: the database server itself is the one router, so the AWS wrapper's limitless plugin connects as it would.
 */
@LimitlessPostgres(shards = 4)
class LocalRouterEndpointsTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    @Test
    void withoutRegisteredRoutersTheServerItselfIsTheOneRouter() throws SQLException {
        try (Connection connection = database.connect()) {
            assertThat(rows(connection, "select router_endpoint, load from pg_catalog.aurora_limitless_router_endpoints()"))
                    .containsExactly("127.0.0.1 0");
            assertThat(rows(connection, "SELECT subcluster_id, subcluster_type FROM rds_aurora.limitless_subclusters"))
                    .containsExactly("1 router", "2 shard", "3 shard", "4 shard", "5 shard");
        }
    }

    @Test
    void registeredRoutersReplaceTheDefaultAndCarryTheirLoad() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT rds_aurora.limitless_local_add_router('127.0.0.2', 0.5)");
            statement.execute("SELECT rds_aurora.limitless_local_add_router('127.0.0.3')");
            try {
                assertThat(rows(connection, "select router_endpoint, load from pg_catalog.aurora_limitless_router_endpoints()"))
                        .containsExactly("127.0.0.2 0.5", "127.0.0.3 0");
                assertThat(rows(connection, "SELECT subcluster_type, count(*) FROM rds_aurora.limitless_subclusters GROUP BY 1 ORDER BY 1"))
                        .containsExactly("router 2", "shard 4");
            } finally {
                statement.execute("SELECT rds_aurora.limitless_local_remove_router('127.0.0.2')");
                statement.execute("SELECT rds_aurora.limitless_local_remove_router('127.0.0.3')");
            }
        }
    }

    @Test
    void theDatabaseSaysItIsLimitless() throws SQLException {
        try (Connection connection = database.connect()) {
            TopologyDetection.Evidence evidence = TopologyDetection.inspect(connection);
            assertThat(evidence.routerEndpoints()).isTrue();
            assertThat(evidence.limitlessTables()).isTrue();
            assertThat(evidence.limitlessStatStatements()).isTrue();
            assertThat(evidence.limitlessDatabase()).isFalse();
            assertThat(evidence.topology()).contains(Topology.LIMITLESS);
        }
    }

    @Test
    void theAwsWrappersLimitlessPluginConnectsThroughTheDefaultRouter() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.username());
        properties.setProperty("password", database.password() == null ? "" : database.password());
        properties.setProperty("wrapperPlugins", "limitless");
        properties.setProperty("wrapperDialect", "aurora-pg");
        properties.setProperty("clusterId", "limitless-local-default-router");
        try (Connection connection = DriverManager.getConnection("jdbc:aws-wrapper:" + database.jdbcUrl().substring("jdbc:".length()),
                properties); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(database.name());
            assertThat(LocalRoutersWrapperTest.routerOf(connection)).isEqualTo("127.0.0.1");
        }
    }
}
