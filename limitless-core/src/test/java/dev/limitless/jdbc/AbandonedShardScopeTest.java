package dev.limitless.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.LiveCatalog;
import dev.limitless.guard.ScatterRefusedException;
import dev.limitless.guard.ShardScope;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@link ShardScope} left open by a method that has returned is closed at the thread's next connection checkout or
 * transaction end, with a warning naming where it was opened; it never allows scatter for the next task.
 */
@LimitlessPostgres(shards = 4)
class AbandonedShardScopeTest {

    private static final String SCATTER = "SELECT count(*) FROM accounts";

    @LimitlessPostgres.Inject
    static TestDatabase database;

    static HikariDataSource pool;
    static GuardedDataSource guarded;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ShardScope.class);

    @BeforeAll
    static void setUp() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
                    CREATE TABLE accounts (account_id bigint PRIMARY KEY, owner text NOT NULL);
                    COMMIT;
                    """);
        }
        pool = database.newPool(2);
        guarded = new GuardedDataSource(pool, ShardScopeGuard.of(LiveCatalog.load(pool, "public")));
    }

    @AfterAll
    static void tearDown() {
        pool.close();
    }

    @BeforeEach
    void captureWarnings() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopCapturing() {
        logger.detachAppender(log);
    }

    /** The bug: opens a scope and returns without closing it (a scope belongs to the method that opens it). */
    private static ShardScope reportWithoutClose() {
        return ShardScope.allowScatter("monthly report");
    }

    @Test
    void aScopeLeftOpenOnAPooledThreadDoesNotAllowScatterForTheNextTask() throws Exception {
        ExecutorService pooledThread = Executors.newSingleThreadExecutor();
        try {
            JdbcTemplate jdbc = new JdbcTemplate(guarded);
            Long leakedTaskCount = pooledThread.submit(() -> {
                ShardScope.allowScatter("monthly report");
                return jdbc.queryForObject(SCATTER, Long.class);
            }).get();
            assertThat(leakedTaskCount).as("the scope works while the method that opened it runs").isZero();
            assertThat(pooledThread.submit(ShardScope::scatterAllowed).get()).as("still open between tasks").isTrue();

            Throwable nextTask = pooledThread.submit(() -> {
                try {
                    jdbc.queryForObject(SCATTER, Long.class);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            }).get();

            assertThat(nextTask).hasRootCauseInstanceOf(ScatterRefusedException.class);
            assertThat(pooledThread.submit(ShardScope::scatterAllowed).get()).isFalse();
            List<ILoggingEvent> warnings = log.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getFormattedMessage()).contains("'monthly report'")
                    .contains(getClass().getName() + ".lambda$").contains("connection checkout");
        } finally {
            pooledThread.shutdown();
        }
    }

    @Test
    void aScopeLeftOpenInsideATransactionIsClosedWhenItCommits() throws SQLException {
        try (Connection connection = guarded.getConnection()) {
            connection.setAutoCommit(false);
            ShardScope leaked = reportWithoutClose();
            assertThat(ShardScope.scatterAllowed()).isTrue();
            connection.commit();
            assertThat(ShardScope.scatterAllowed()).isFalse();
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.executeQuery(SCATTER)).isInstanceOf(ScatterRefusedException.class);
            }
            connection.rollback();
            leaked.close();
        }
        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains(getClass().getName() + ".reportWithoutClose").contains("commit");
        });
    }

    @Test
    void aScopeLeftOpenInsideATransactionIsClosedWhenItRollsBack() throws SQLException {
        try (Connection connection = guarded.getConnection()) {
            connection.setAutoCommit(false);
            reportWithoutClose();
            connection.rollback();
            assertThat(ShardScope.scatterAllowed()).isFalse();
        }
        assertThat(log.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage()).contains("rollback"));
    }

    @Test
    void aScopeWhoseMethodIsStillRunningIsKept() throws SQLException {
        JdbcTemplate jdbc = new JdbcTemplate(guarded);
        try (ShardScope scope = ShardScope.allowScatter("export")) {
            assertThat(jdbc.queryForObject(SCATTER, Long.class)).isZero();
            try (Connection connection = guarded.getConnection()) {
                connection.setAutoCommit(false);
                connection.createStatement().executeQuery(SCATTER).close();
                connection.commit();
                connection.createStatement().executeQuery(SCATTER).close();
                connection.rollback();
            }
            assertThat(jdbc.queryForObject(SCATTER, Long.class)).isZero();
            assertThat(ShardScope.currentReason()).isEqualTo("export");
        }
        assertThat(log.list).isEmpty();
    }
}
