package dev.limitless.benchmarks.storm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.limitless.benchmarks.storm.ConnectionStorm.Result;
import dev.limitless.benchmarks.storm.ConnectionStorm.Settings;
import dev.limitless.test.PgBouncer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The storm at small N: 24 environments against 7 connection slots, and a PgBouncer pool of 3. Counts only, no times. */
class ConnectionStormTest {

    static final Settings SETTINGS = new Settings(24, 3, 10, 3, Duration.ofSeconds(1));
    static ConnectionStorm storm;

    @BeforeAll
    static void prepare() throws Exception {
        storm = ConnectionStorm.prepare(SETTINGS);
    }

    @AfterAll
    static void close() {
        storm.close();
    }

    @Test
    void directConnectionsBeyondTheServersSlotsFailWithTooManyClients() throws Exception {
        Result result = storm.direct();

        assertThat(result.failed()).isPositive();
        // 53300: "too many clients" (or "slots reserved for superusers"); a pool whose first connection attempt has
        // not even been answered when its timeout ends fails with a bare pool timeout instead
        assertThat(result.failures().keySet()).anySatisfy(kind -> assertThat(kind).startsWith("53300"));
        assertThat(result.failures().keySet()).allSatisfy(kind -> assertThat(kind.startsWith("53300 ") || kind.startsWith("pool ")).as(kind).isTrue());
        assertThat(result.succeeded() + result.failed()).isEqualTo(24 * 3);
        // environments that got a slot kept it: at most the slots' worth of environments ever succeeded
        assertThat(result.succeeded()).isLessThanOrEqualTo(SETTINGS.applicationSlots() * 3);
        assertThat(result.rowsWritten()).isEqualTo(result.succeeded());
        assertThat(result.maxBackends()).isLessThanOrEqualTo(SETTINGS.applicationSlots());
    }

    @Test
    void throughPgBouncerEveryRequestSucceedsOnABoundedNumberOfBackends() throws Exception {
        Optional<Path> pgbouncer = PgBouncer.binary();
        assumeTrue(pgbouncer.isPresent(), "pgbouncer is not installed: apt-get install pgbouncer (or brew install pgbouncer)");

        Result result = storm.throughPgBouncer(pgbouncer.get());

        assertThat(result.failures()).isEmpty();
        assertThat(result.succeeded()).isEqualTo(24 * 3);
        assertThat(result.rowsWritten()).isEqualTo(24 * 3);
        assertThat(result.maxBackends()).isLessThanOrEqualTo(SETTINGS.bouncerPoolSize());
    }
}
