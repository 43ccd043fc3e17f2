package dev.limitless.jdbc;

import dev.limitless.metrics.LimitlessMetrics;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Wrapper;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way around the guard: {@code unwrap} to a pool- or driver-specific type (e.g. {@code PGConnection} for
 * COPY). Every such unwrap is counted ({@code limitless.guard.unwrapped}, tagged with the calling method) and logged
 * once per calling method, so that SQL that bypasses the guard can be found. {@code unwrap} to a {@code java.sql} or
 * {@code javax.sql} type returns the guarded object itself, or fails when the guarded object is not of that type: a
 * standard JDBC type never leads past the guard.
 */
final class EscapeHatch {

    private static final Logger log = LoggerFactory.getLogger(EscapeHatch.class);

    /** Distinct call-site tags kept; more become {@link #OTHER_CALL_SITES} so the meter stays small. */
    static final int MAX_CALL_SITES = 100;
    static final String OTHER_CALL_SITES = "other";

    // the wrappers' own frames are not call sites; named one by one because tests share this package
    private static final Set<String> WRAPPER_CLASSES = Set.of(EscapeHatch.class.getName(), GuardedDataSource.class.getName(),
            GuardedConnection.class.getName(), GuardedStatement.class.getName(), GuardedPreparedStatement.class.getName(),
            GuardedCallableStatement.class.getName(), GuardedResultSet.class.getName(),
            GuardedDatabaseMetaData.class.getName());
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final LimitlessMetrics metrics;
    private final int maxCallSites;
    private final Map<String, Boolean> callSites = new ConcurrentHashMap<>();

    EscapeHatch(LimitlessMetrics metrics) {
        this(metrics, MAX_CALL_SITES);
    }

    EscapeHatch(LimitlessMetrics metrics, int maxCallSites) {
        this.metrics = metrics;
        this.maxCallSites = maxCallSites;
    }

    /** {@code Wrapper.unwrap} of {@code guarded}, which wraps {@code delegate}. */
    <T> T unwrap(Wrapper guarded, Wrapper delegate, Class<T> type) throws SQLException {
        if (type.isInstance(guarded)) {
            return type.cast(guarded);
        }
        if (isStandard(type)) {
            throw new SQLException("A guarded " + kind(guarded) + " is not a " + type.getName() + ". Standard JDBC types are"
                    + " only unwrapped to the guarded object itself; unwrap to a driver type (e.g. org.postgresql.PGConnection)"
                    + " is the one way to reach the driver, and SQL sent that way is not checked.");
        }
        T unguarded = type.isInstance(delegate) ? type.cast(delegate) : delegate.unwrap(type);
        record(guarded, type);
        return unguarded;
    }

    /** {@code Wrapper.isWrapperFor}, answering as {@link #unwrap} would. */
    boolean isWrapperFor(Wrapper guarded, Wrapper delegate, Class<?> type) throws SQLException {
        if (type.isInstance(guarded)) {
            return true;
        }
        return !isStandard(type) && (type.isInstance(delegate) || delegate.isWrapperFor(type));
    }

    // The code that asked: not our wrappers, nor a proxy in between (e.g. JdbcTemplate's close-suppressing connection
    // proxy), which would name the same frame for every caller.
    private static boolean isCaller(StackWalker.StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        return !WRAPPER_CLASSES.contains(type.getName()) && !Proxy.isProxyClass(type)
                && !InvocationHandler.class.isAssignableFrom(type);
    }

    private static boolean isStandard(Class<?> type) {
        String pkg = type.getPackageName();
        return pkg.equals("java.sql") || pkg.equals("javax.sql");
    }

    private void record(Wrapper guarded, Class<?> type) {
        String callSite = WALKER.walk(frames -> frames.filter(EscapeHatch::isCaller).findFirst()
                .map(frame -> frame.getClassName() + "." + frame.getMethodName()).orElse(OTHER_CALL_SITES));
        if (!callSites.containsKey(callSite)) {
            if (callSites.size() >= maxCallSites) {
                callSite = OTHER_CALL_SITES;
            }
            if (callSites.putIfAbsent(callSite, Boolean.TRUE) == null) {
                log.info("{} unwrapped a guarded {} to {}: SQL sent through that object is not checked by the shard-scope"
                        + " guard (counted as limitless.guard.unwrapped, call_site={}). Use it only for what the driver alone"
                        + " can do, such as COPY.", callSite, kind(guarded), type.getName(), callSite);
            }
        }
        metrics.unwrapped(callSite);
    }

    private static String kind(Wrapper guarded) {
        if (guarded instanceof javax.sql.DataSource) {
            return "DataSource";
        }
        if (guarded instanceof java.sql.Connection) {
            return "Connection";
        }
        if (guarded instanceof java.sql.CallableStatement) {
            return "CallableStatement";
        }
        if (guarded instanceof java.sql.PreparedStatement) {
            return "PreparedStatement";
        }
        if (guarded instanceof java.sql.Statement) {
            return "Statement";
        }
        if (guarded instanceof java.sql.ResultSet) {
            return "ResultSet";
        }
        return "DatabaseMetaData";
    }
}
