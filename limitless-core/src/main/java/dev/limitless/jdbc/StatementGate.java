package dev.limitless.jdbc;

import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.guard.MissingShardKeyException;
import dev.limitless.guard.Route;
import dev.limitless.guard.ScatterRefusedException;
import dev.limitless.guard.ShardKeyUpdateException;
import dev.limitless.guard.ShardScopeException;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.guard.StatementAnalysis;
import dev.limitless.guard.Verdict;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.metrics.StatementMeters;
import dev.limitless.metrics.StatementOperation;
import dev.limitless.metrics.StatementSample;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningRefusedException;
import dev.limitless.pinning.PinningRisks;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The one place where the JDBC wrappers hand SQL text to the guard, the pinning detector and the metrics, so that
 * every path (Statement, PreparedStatement, CallableStatement, batches) gets them at once; it also holds the
 * {@link EscapeHatch}, the one way past it. Per execution: the guard's cache lookup,
 * a check of the cached pinning risks (the connection's auto-commit state is read only when the text can pin), and
 * one metrics sample.
 */
final class StatementGate {

    /** The {@code reason} tag of refusals by the pinning policy. */
    static final String PINNING_REFUSAL = "pinning";

    // how many shards a route reaches, by Route ordinal: the tag of a statement batch is its widest text
    private static final int[] REACH = reach();

    private static final StatementMeters NO_METERS =
            LimitlessMetrics.noop().statementMeters(null, null, StatementOperation.OTHER);

    private final ShardScopeGuard guard;
    private final PinningDetector pinning;
    private final LimitlessMetrics metrics;
    private final boolean metered;
    private final StatementStatistics statistics = new StatementStatistics();
    private final EscapeHatch escapeHatch;
    // keyed by the guard's cached analysis (identity, weak: follows the guard cache's evictions)
    private final MetersByAnalysis meters = new MetersByAnalysis(this::resolveMeters);

    StatementGate(ShardScopeGuard guard, PinningDetector pinning, LimitlessMetrics metrics) {
        this.guard = guard;
        this.pinning = pinning;
        this.metrics = metrics;
        this.metered = metrics != LimitlessMetrics.noop();
        this.escapeHatch = new EscapeHatch(metrics);
    }

    /**
     * Whether {@code ShardScope.forKey} may set the active shard key: only on the Limitless topology (read each time:
     * the topology may be detected from the database after the data source was wrapped).
     */
    boolean activeKeySupported() {
        return pinning.topology() == dev.limitless.pinning.Topology.LIMITLESS;
    }

    void activeKeySet(boolean transaction) {
        metrics.activeKeySet(transaction);
    }

    void activeKeySuspended() {
        metrics.activeKeySuspended();
    }

    private static void applyActiveKey(Connection connection) throws SQLException {
        if (connection instanceof GuardedConnection guarded) {
            guarded.applyActiveKey();
        }
    }

    /**
     * At prepare time ({@code prepareStatement}, {@code prepareCall}): the guard only; pinning and metrics follow at
     * each execution. Returns the verdict when the statement may be prepared; throws the guard's refusal otherwise.
     */
    /** The shard-key parameters of an admitted statement, or {@code null} when it has none. */
    dev.limitless.guard.KeyBindings keyBindings(Verdict verdict) {
        return guard.keyBindings(verdict);
    }

    Verdict admit(String sql) throws SQLException {
        try {
            return guard.check(sql);
        } catch (ShardScopeException e) {
            statistics.refused(e.verdict().analysis());
            metersOf(e.verdict().analysis()).start().refused(refusalReason(e));
            throw e;
        }
    }

    /**
     * Before a batch of SQL texts ({@code Statement.addBatch(sql)}, each admitted when added) runs: the pinning policy
     * for each text, then one sample for the whole batch, tagged with the text that reaches the most shards (the
     * driver sends the batch as one unit, so its time cannot be split by text).
     */
    StatementSample startBatch(List<StatementAnalysis> batch, Connection connection) throws SQLException {
        StatementAnalysis widest = batch.get(0);
        for (StatementAnalysis analysis : batch) {
            if (REACH[analysis.route().ordinal()] > REACH[widest.route().ordinal()]) {
                widest = analysis;
            }
        }
        applyActiveKey(connection);
        StatementSample sample = metersOf(widest).start();
        Boolean inTransaction = null;
        for (StatementAnalysis analysis : batch) {
            PinningRisks risks = analysis.pinningRisks();
            if (risks.any()) {
                if (inTransaction == null) {
                    inTransaction = !connection.getAutoCommit();
                }
                try {
                    pinning.check(analysis.sql(), risks, inTransaction);
                } catch (PinningRefusedException e) {
                    statistics.refused(analysis);
                    sample.refused(PINNING_REFUSAL);
                    throw e;
                }
            }
        }
        for (StatementAnalysis analysis : batch) {
            statistics.executed(analysis);
        }
        return sample;
    }

    /** Before executing a SQL text: the guard, the pinning policy, then the started sample. */
    StatementSample start(String sql, Connection connection) throws SQLException {
        return start(admit(sql).analysis(), connection);
    }

    /** Before executing a statement prepared (and admitted) earlier: the pinning policy, then the started sample. */
    StatementSample start(StatementAnalysis analysis, Connection connection) throws SQLException {
        applyActiveKey(connection);
        StatementSample sample = metersOf(analysis).start();
        PinningRisks risks = analysis.pinningRisks();
        if (risks.any()) {
            try {
                pinning.check(analysis.sql(), risks, !connection.getAutoCommit());
            } catch (PinningRefusedException e) {
                statistics.refused(analysis);
                sample.refused(PINNING_REFUSAL);
                throw e;
            }
        }
        statistics.executed(analysis);
        return sample;
    }

    EscapeHatch escapeHatch() {
        return escapeHatch;
    }

    ShardScopeGuard guard() {
        return guard;
    }

    PinningDetector pinning() {
        return pinning;
    }

    StatementStatistics statistics() {
        return statistics;
    }

    private StatementMeters metersOf(StatementAnalysis analysis) {
        if (!metered) {
            return NO_METERS;
        }
        return meters.get(analysis);
    }

    private StatementMeters resolveMeters(StatementAnalysis analysis) {
        TableName table = analysis.primaryTable();
        boolean sharded = table != null && guard.catalog().find(table).map(TableDefinition::isSharded).orElse(false);
        StatementOperation operation = switch (analysis.operation()) {
            case "select" -> StatementOperation.SELECT;
            case "insert" -> StatementOperation.INSERT;
            case "update" -> StatementOperation.UPDATE;
            case "delete" -> StatementOperation.DELETE;
            default -> StatementOperation.OTHER;
        };
        return metrics.statementMeters(analysis.route().name(), sharded ? table.toString() : null, operation);
    }

    private static int[] reach() {
        int[] reach = new int[Route.values().length];
        reach[Route.STANDARD.ordinal()] = 0;
        reach[Route.REFERENCE.ordinal()] = 1;
        reach[Route.SINGLE_SHARD.ordinal()] = 2;
        reach[Route.MULTI_SHARD.ordinal()] = 3;
        reach[Route.UNKNOWN.ordinal()] = 4;
        reach[Route.SCATTER.ordinal()] = 5;
        return reach;
    }

    /** The {@code reason} tag of a guard refusal: a fixed set. */
    static String refusalReason(ShardScopeException refusal) {
        if (refusal instanceof MissingShardKeyException) {
            return "missing_shard_key";
        }
        if (refusal instanceof ShardKeyUpdateException) {
            return "shard_key_update";
        }
        if (refusal instanceof dev.limitless.guard.ActiveShardKeyException) {
            return "active_key";
        }
        if (refusal instanceof ScatterRefusedException) {
            return refusal.verdict().route().name().toLowerCase(Locale.ROOT);
        }
        return "unknown";
    }
}
