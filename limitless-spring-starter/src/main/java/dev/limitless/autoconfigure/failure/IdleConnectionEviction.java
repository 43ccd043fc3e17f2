package dev.limitless.autoconfigure.failure;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.limitless.failure.FailureCause;
import dev.limitless.failure.SqlFailure;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a retry after a lost connection, evicts the pool's idle connections (HikariCP's soft eviction: idle ones
 * closed now, busy ones when given back), at most once a second. When a router is replaced, a server restarts or
 * every backend is terminated, the idle connections died too; HikariCP checks a connection only when it was idle for
 * more than 500 ms, so without this each of them would cost the retried unit one more failed attempt.
 */
final class IdleConnectionEviction implements Consumer<SqlFailure> {

    private static final Logger log = LoggerFactory.getLogger(IdleConnectionEviction.class);
    private static final long MIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DataSource dataSource;
    private final LongSupplier nanoTime;
    private final AtomicLong lastEviction;

    IdleConnectionEviction(DataSource dataSource, LongSupplier nanoTime) {
        this.dataSource = dataSource;
        this.nanoTime = nanoTime;
        this.lastEviction = new AtomicLong(nanoTime.getAsLong() - MIN_INTERVAL_NANOS);
    }

    @Override
    public void accept(SqlFailure failure) {
        FailureCause cause = failure.cause();
        if (cause != FailureCause.CONNECTION_LOST && cause != FailureCause.ADMIN_SHUTDOWN
                && cause != FailureCause.CANNOT_CONNECT_NOW) {
            return;
        }
        long now = nanoTime.getAsLong();
        long last = lastEviction.get();
        if (now - last < MIN_INTERVAL_NANOS || !lastEviction.compareAndSet(last, now)) {
            return;
        }
        HikariPoolMXBean pool = pool();
        if (pool != null) {
            log.debug("Connection lost ({}): evicting the pool's idle connections before retrying", cause.tag());
            pool.softEvictConnections();
        }
    }

    private HikariPoolMXBean pool() {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class)
                    ? dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean() : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
