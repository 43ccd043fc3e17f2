package dev.limitless.benchmarks.guard;

import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.metrics.MicrometerMetrics;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the library itself costs per primary-key SELECT, without a database: the same call sequence as the paired
 * measurement (get a connection, prepare, bind, execute, read, close) on a JDBC driver stub that answers at once,
 * raw and behind {@link GuardedDataSource} (guard only; guard with the refusing pinning policy and Micrometer
 * metrics, with and without the percentile histogram). The difference to {@code baselineStubDriver} is the
 * wrapper's, guard's, pinning check's and metrics' own time per call, which the database round trip hides in the
 * paired measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class LibraryCostBenchmark {

    private DataSource stub;
    private ShardScopeGuard guard;
    private DataSource guardOnly;
    private DataSource guardPinningMetrics;
    private DataSource guardPinningMetricsNoHistogram;
    private long key;

    @Setup(Level.Trial)
    public void setUp() {
        stub = StubDriver.dataSource();
        guard = ShardScopeGuard.of(BenchmarkCatalog.LEDGER);
        guardOnly = new GuardedDataSource(stub, guard, new PinningDetector(Policy.all(PinningReason.class, PolicyAction.ALLOW)),
                LimitlessMetrics.noop());
        MicrometerMetrics metrics = MicrometerMetrics.of(new SimpleMeterRegistry());
        guardPinningMetrics = new GuardedDataSource(stub, guard,
                new PinningDetector(Policy.all(PinningReason.class, PolicyAction.REFUSE), metrics::pinningRisk), metrics);
        MicrometerMetrics withoutHistogram = MicrometerMetrics.builder(new SimpleMeterRegistry())
                .percentileHistogram(false).build();
        guardPinningMetricsNoHistogram = new GuardedDataSource(stub, guard,
                new PinningDetector(Policy.all(PinningReason.class, PolicyAction.REFUSE), withoutHistogram::pinningRisk),
                withoutHistogram);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        guard.close();
    }

    @Benchmark
    public String baselineStubDriver() throws SQLException {
        return select(stub);
    }

    @Benchmark
    public String guardOnly() throws SQLException {
        return select(guardOnly);
    }

    @Benchmark
    public String guardPinningMetrics() throws SQLException {
        return select(guardPinningMetrics);
    }

    @Benchmark
    public String guardPinningMetricsNoHistogram() throws SQLException {
        return select(guardPinningMetricsNoHistogram);
    }

    private String select(DataSource dataSource) throws SQLException {
        key = key % 1000 + 1;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(BenchmarkCatalog.PK_SELECT)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** A JDBC driver that answers every call at once: one connection, one statement, one row. */
    static final class StubDriver {

        private StubDriver() {
        }

        static DataSource dataSource() {
            ResultSet resultSet = stub(ResultSet.class, null);
            PreparedStatement statement = stub(PreparedStatement.class, resultSet);
            Connection connection = stub(Connection.class, statement);
            return stub(DataSource.class, connection);
        }

        /** Every method returns {@code next} when its type fits, else {@code true}, the text, or the type's zero. */
        private static <T> T stub(Class<T> type, Object next) {
            return type.cast(Proxy.newProxyInstance(StubDriver.class.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> {
                        Class<?> returned = method.getReturnType();
                        if (next != null && returned.isInstance(next)) {
                            return next;
                        }
                        if (returned == boolean.class) {
                            return !method.getName().equals("isClosed") && !method.getName().equals("isWrapperFor");
                        }
                        if (returned == String.class) {
                            return "owner";
                        }
                        if (returned == int.class) {
                            return 0;
                        }
                        if (returned == long.class) {
                            return 0L;
                        }
                        if (method.getName().equals("hashCode")) {
                            return System.identityHashCode(proxy);
                        }
                        if (method.getName().equals("equals")) {
                            return proxy == args[0];
                        }
                        return null;
                    }));
        }
    }
}
