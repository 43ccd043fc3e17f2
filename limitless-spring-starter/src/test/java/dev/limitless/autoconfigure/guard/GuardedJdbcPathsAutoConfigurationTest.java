package dev.limitless.autoconfigure.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.autoconfigure.LedgerSchema;
import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.metrics.MetricsAutoConfiguration;
import dev.limitless.guard.ScatterRefusedException;
import dev.limitless.guard.ShardScope;
import dev.limitless.pinning.PinningRefusedException;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** The auto-configured data source guards every JDBC path; only unwrap to a driver type escapes, and is counted. */
@LimitlessPostgres(shards = 4)
class GuardedJdbcPathsAutoConfigurationTest {

    private static final String SCATTER = "SELECT count(*) FROM accounts WHERE owner = 'ann'";

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    CatalogAutoConfiguration.class, GuardAutoConfiguration.class, MetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl() + "?ApplicationName=paths-test&assumeMinServerVersion=16",
                    "spring.datasource.username=" + database.username(), "limitless.catalog.file=classpath:catalogs/ledger.yaml");

    @BeforeAll
    static void schema() {
        LedgerSchema.create(database);
    }

    @Test
    void scatterThroughTheMetadatasConnectionIsRefused() {
        runner.run(context -> {
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                assertThat(connection.getMetaData().getConnection()).isSameAs(connection);
                assertThatThrownBy(() -> connection.getMetaData().getConnection().createStatement().executeQuery(SCATTER))
                        .isInstanceOf(ScatterRefusedException.class);
            }
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThatThrownBy(() -> jdbc.execute((ConnectionCallback<Object>) connection ->
                    connection.getMetaData().getConnection().createStatement().executeQuery(SCATTER)))
                    .hasRootCauseInstanceOf(ScatterRefusedException.class);
            assertThat(context.getBean(MeterRegistry.class).get("limitless.guard.refusals").tag("route", "scatter")
                    .counter().count()).isEqualTo(2);
        });
    }

    @Test
    void resultSetsCallableStatementsAndBatchesStayGuardedAndAreTimed() {
        runner.withPropertyValues("limitless.pinning.actions.set=refuse").run(context -> {
            UUID account = UUID.randomUUID();
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.addBatch("INSERT INTO accounts (account_id, owner) VALUES ('" + account + "', 'ann')");
                    statement.executeBatch();
                    ResultSet rows = statement.executeQuery("SELECT owner FROM accounts WHERE account_id = '" + account + "'");
                    assertThat(rows.getStatement()).isSameAs(statement);
                    assertThatThrownBy(() -> rows.getStatement().executeQuery(SCATTER))
                            .isInstanceOf(ScatterRefusedException.class);
                }
                assertThatThrownBy(() -> connection.prepareCall(SCATTER)).isInstanceOf(ScatterRefusedException.class);
                try (CallableStatement call = connection.prepareCall("SELECT owner FROM accounts WHERE account_id = ?")) {
                    call.setObject(1, account);
                    try (ResultSet owner = call.executeQuery()) {
                        assertThat(owner.next()).isTrue();
                        assertThat(owner.getStatement()).isSameAs(call);
                    }
                    assertThat(call.getConnection()).isSameAs(connection);
                }
                try (CallableStatement set = connection.prepareCall("SET search_path TO public")) {
                    assertThatThrownBy(set::execute).isInstanceOf(PinningRefusedException.class);
                }
                try (Statement statement = connection.createStatement()) {
                    statement.addBatch("DELETE FROM accounts WHERE account_id = '" + account + "'");
                    assertThat(statement.executeLargeBatch()).containsExactly(1L);
                }
                assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
                assertThatThrownBy(() -> connection.unwrap(Statement.class)).isInstanceOf(java.sql.SQLException.class);
            }
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("limitless.statement").tags("route", "single_shard", "operation", "insert", "outcome", "success")
                    .timer().count()).as("the statement batch").isEqualTo(1);
            assertThat(registry.get("limitless.statement").tags("route", "single_shard", "operation", "select", "outcome", "success")
                    .timer().count()).as("the plain and the callable select").isEqualTo(2);
            assertThat(registry.get("limitless.statement").tags("route", "single_shard", "operation", "delete", "outcome", "success")
                    .timer().count()).as("the large batch").isEqualTo(1);
        });
    }

    @Test
    void unwrapToTheDriverIsCountedByCallSite() {
        runner.run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            jdbc.execute((ConnectionCallback<Object>) connection -> escapeToTheDriver(connection));
            assertThat(context.getBean(MeterRegistry.class).get("limitless.guard.unwrapped")
                    .tag("call_site", getClass().getName() + ".escapeToTheDriver").counter().count()).isEqualTo(1);
        });
    }

    private static PGConnection escapeToTheDriver(Connection connection) throws java.sql.SQLException {
        return connection.unwrap(PGConnection.class);
    }

    @Test
    void aScopeLeftOpenByAFinishedTaskIsClosedAtTheNextCheckout() {
        runner.run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            ExecutorService pooledThread = Executors.newSingleThreadExecutor();
            try {
                pooledThread.submit(() -> {
                    ShardScope.allowScatter("forgotten report");
                    return jdbc.queryForObject(SCATTER, Long.class);
                }).get();
                Throwable nextTask = pooledThread.submit(() -> {
                    try {
                        jdbc.queryForObject(SCATTER, Long.class);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }).get();
                assertThat(nextTask).hasRootCauseInstanceOf(ScatterRefusedException.class);
            } finally {
                pooledThread.shutdown();
            }
        });
    }

    private static ShardScope openAndForget() {
        return ShardScope.allowScatter("forgotten export");
    }

    @Test
    void aScopeLeftOpenInsideATransactionIsClosedWhenItCommits() {
        runner.run(context -> {
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                connection.setAutoCommit(false);
                openAndForget();
                connection.commit();
                assertThat(ShardScope.scatterAllowed()).isFalse();
                assertThatThrownBy(() -> connection.createStatement().executeQuery(SCATTER))
                        .isInstanceOf(ScatterRefusedException.class);
                connection.rollback();
            }
        });
    }
}
