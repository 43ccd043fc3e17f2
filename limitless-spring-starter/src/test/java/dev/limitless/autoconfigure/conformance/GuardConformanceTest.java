package dev.limitless.autoconfigure.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.autoconfigure.conformance.tasktracker.Board;
import dev.limitless.autoconfigure.guard.GuardRefusalException;
import dev.limitless.autoconfigure.guard.PinningRefusalException;
import dev.limitless.catalog.TableName;
import dev.limitless.guard.Route;
import dev.limitless.guard.ScatterRefusedException;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.pinning.PinningReason;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** docs/guard.md and docs/starter.md, on the auto-configured task tracker. */
@LimitlessPostgres(shards = 4)
class GuardConformanceTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void aRefusedJdbcTemplateQueryIsATypedDataAccessExceptionCarryingRouteTablesAndReasons() {
        TaskTracker.runner(database).run(context -> {
            assertThat(context).hasNotFailed();
            assertThatThrownBy(() -> context.getBean(JdbcTemplate.class).queryForList("SELECT * FROM boards WHERE name = 'roadmap'"))
                    .isInstanceOf(GuardRefusalException.class)
                    .isInstanceOf(InvalidDataAccessApiUsageException.class)
                    .isNotInstanceOf(UncategorizedSQLException.class)
                    .hasCauseInstanceOf(ScatterRefusedException.class)
                    .hasMessageContaining("board_id")
                    .satisfies(e -> {
                        GuardRefusalException refusal = (GuardRefusalException) e;
                        assertThat(refusal.route()).isEqualTo(Route.SCATTER);
                        assertThat(refusal.tables()).contains(new TableName("public", "boards"));
                        assertThat(refusal.reasons()).isNotEmpty();
                        assertThat(refusal.getMessage()).doesNotContain("roadmap");
                    });
        });
    }

    @Test
    void jdbcClientAndSpringDataJdbcTranslateRefusalsTheSameWay() {
        TaskTracker.runner(database).run(context -> {
            assertThatThrownBy(() -> context.getBean(JdbcClient.class).sql("SELECT count(*) FROM boards").query(Long.class).single())
                    .isInstanceOf(GuardRefusalException.class);
            assertThatThrownBy(() -> context.getBean(JdbcAggregateTemplate.class).findAll(Board.class))
                    .isInstanceOf(GuardRefusalException.class);
            // a statement the guard lets through still fails as Spring always translated it
            assertThatThrownBy(() -> context.getBean(JdbcTemplate.class).queryForList("SELECT * FROM no_such_table"))
                    .isInstanceOf(org.springframework.jdbc.BadSqlGrammarException.class);
        });
    }

    @Test
    void aPinningRefusalIsATypedDataAccessExceptionToo() {
        TaskTracker.runner(database).withPropertyValues("limitless.pinning.actions.set=refuse").run(context ->
                assertThatThrownBy(() -> context.getBean(JdbcTemplate.class).execute("SET work_mem = '64MB'"))
                        .isInstanceOf(PinningRefusalException.class)
                        .isInstanceOf(InvalidDataAccessApiUsageException.class)
                        .satisfies(e -> assertThat(((PinningRefusalException) e).reason()).isEqualTo(PinningReason.SET)));
    }

    @Test
    void aRefusalDoesNotCostThePooledConnection() {
        TaskTracker.runner(database).withPropertyValues("spring.datasource.hikari.maximum-pool-size=1").run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            Integer backend = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> jdbc.queryForList("SELECT * FROM boards")).isInstanceOf(GuardRefusalException.class);
            }
            assertThat(jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class)).isEqualTo(backend);
            assertThat(context.getBean(DataSource.class).unwrap(HikariDataSource.class).getHikariPoolMXBean()
                    .getTotalConnections()).isEqualTo(1);
        });
    }

    @Test
    void scatterCanBeDowngradedToAWarningAndScopedStatementsRun() {
        TaskTracker.runner(database).withPropertyValues("limitless.guard.scatter=warn").run(context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT count(*) FROM boards").query(Long.class).single()).isNotNegative();
            assertThat(jdbc.sql("SELECT count(*) FROM boards WHERE board_id = ?").param(UUID.randomUUID())
                    .query(Long.class).single()).isZero();
        });
    }

    @Test
    void oneGuardBeanIsWhatTheDataSourceUses() {
        TaskTracker.runner(database).run(context -> {
            assertThat(context).hasSingleBean(ShardScopeGuard.class);
            assertThat(context.getBean(DataSource.class).unwrap(GuardedDataSource.class).guard())
                    .isSameAs(context.getBean(ShardScopeGuard.class));
        });
    }
}
