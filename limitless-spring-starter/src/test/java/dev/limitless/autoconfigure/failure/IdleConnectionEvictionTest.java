package dev.limitless.autoconfigure.failure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.failure.FailureCause;
import dev.limitless.failure.SqlFailure;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A real HikariCP pool on a real PostgreSQL: which failures evict its idle connections, and how often. */
@LimitlessPostgres(shards = 0)
class IdleConnectionEvictionTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));

    @Test
    void aLostConnectionEvictsTheIdleConnectionsAtMostOnceASecond() throws SQLException {
        try (HikariDataSource pool = database.newPool(1)) {
            IdleConnectionEviction eviction = new IdleConnectionEviction(pool, now::get);
            int first = backendPid(pool);
            assertThat(backendPid(pool)).as("the pool keeps its connection").isEqualTo(first);

            eviction.accept(new SqlFailure(FailureCause.CONSTRAINT_VIOLATION, "23505"));
            assertThat(backendPid(pool)).as("not after a constraint violation").isEqualTo(first);

            eviction.accept(new SqlFailure(FailureCause.ADMIN_SHUTDOWN, "57P01"));
            int second = backendPid(pool);
            assertThat(second).as("evicted after a lost connection").isNotEqualTo(first);

            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
            eviction.accept(new SqlFailure(FailureCause.CONNECTION_LOST, "08006"));
            assertThat(backendPid(pool)).as("not twice within a second").isEqualTo(second);

            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
            eviction.accept(new SqlFailure(FailureCause.CONNECTION_LOST, "08006"));
            assertThat(backendPid(pool)).as("again after a second").isNotEqualTo(second);
        }
    }

    private static int backendPid(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
