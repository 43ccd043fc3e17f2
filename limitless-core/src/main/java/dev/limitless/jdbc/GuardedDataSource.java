package dev.limitless.jdbc;

import dev.limitless.guard.ShardScope;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.pinning.DriverSettingFinding;
import dev.limitless.pinning.DriverSettingsCheck;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.pinning.PinningRefusedException;
import dev.limitless.policy.Policy;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wraps any {@link DataSource} (typically a HikariCP pool) so that every statement is checked by a
 * {@link ShardScopeGuard} before it reaches the driver: {@code Statement.execute*} and {@code addBatch} when called,
 * {@code prepareStatement} and {@code prepareCall} at prepare time, so a refused statement costs no round trip.
 * Every JDBC object reached from it (connections, statements, callable statements, metadata, result sets and their
 * {@code getConnection()}/{@code getStatement()}) is guarded. {@code unwrap} to a pool or driver type (e.g.
 * {@code HikariDataSource}, {@code PGConnection} for COPY) is the one way to unguarded objects: it works, so pool,
 * framework and driver features keep working, and it is counted ({@code limitless.guard.unwrapped}) and logged once
 * per calling method.
 *
 * <pre>{@code
 * DataSource dataSource = new GuardedDataSource(hikariDataSource, ShardScopeGuard.of(catalog));
 * }</pre>
 */
public final class GuardedDataSource implements DataSource {

    private final DataSource delegate;
    private final StatementGate gate;

    /** Guards {@code delegate} with the default pinning policy (warn) and no metrics. */
    public GuardedDataSource(DataSource delegate, ShardScopeGuard guard) {
        this(delegate, guard, new PinningDetector(Policy.defaults(PinningReason.class)), LimitlessMetrics.noop());
    }

    /**
     * Guards {@code delegate}, applies the pinning policy of {@code pinning} at every execution and records
     * {@code metrics} (statements by route, table, operation and outcome; refusals; pinning risks when the detector
     * was built with {@code metrics::pinningRisk}).
     */
    public GuardedDataSource(DataSource delegate, ShardScopeGuard guard, PinningDetector pinning, LimitlessMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.gate = new StatementGate(Objects.requireNonNull(guard, "guard"), Objects.requireNonNull(pinning, "pinning"),
                Objects.requireNonNull(metrics, "metrics"));
    }

    /**
     * The start-up check: finds the pool and driver settings of the wrapped data source that pin every session
     * ({@link DriverSettingsCheck}) and applies the {@code driver_setting} policy: logs them (warn) or throws (refuse).
     * Call it once when the application starts.
     *
     * @return the findings (empty when the settings are proxy-safe or the data source is not inspectable)
     * @throws PinningRefusedException naming every finding, when the policy refuses driver settings
     */
    public List<DriverSettingFinding> checkDriverSettings() throws PinningRefusedException {
        List<DriverSettingFinding> findings = DriverSettingsCheck.check(delegate);
        gate.pinning().checkDriverSettings(findings);
        return findings;
    }

    /** The guard this data source applies. */
    public ShardScopeGuard guard() {
        return gate.guard();
    }

    /** What this data source has run and refused since it was created. */
    public StatementStatistics statistics() {
        return gate.statistics();
    }

    /** The pinning detector this data source applies. */
    public PinningDetector pinning() {
        return gate.pinning();
    }

    /** The wrapped data source. */
    public DataSource delegate() {
        return delegate;
    }

    // A checkout is where a ShardScope opened by code that has since returned is found and closed (pooled threads run
    // one task after another), so that it does not allow scatter for the work that checks out this connection.
    @Override
    public Connection getConnection() throws SQLException {
        ShardScope.closeAbandoned("connection checkout");
        return new GuardedConnection(delegate.getConnection(), gate);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        ShardScope.closeAbandoned("connection checkout");
        return new GuardedConnection(delegate.getConnection(username, password), gate);
    }

    /**
     * This data source for {@code DataSource} and {@code GuardedDataSource}; the wrapped pool or driver object for
     * their own types (e.g. {@code HikariDataSource}), which is the escape hatch: counted as
     * {@code limitless.guard.unwrapped} and logged once per calling method, because connections taken from it are
     * not guarded.
     */
    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return gate.escapeHatch().unwrap(this, delegate, type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return gate.escapeHatch().isWrapperFor(this, delegate, type);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public String toString() {
        return "GuardedDataSource[" + delegate + "]";
    }
}
