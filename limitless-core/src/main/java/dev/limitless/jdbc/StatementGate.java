package dev.limitless.jdbc;

import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.guard.MissingShardKeyException;
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
import java.util.Locale;

/**
 * The one place where the JDBC wrappers hand SQL text to the guard, the pinning detector and the metrics, so that
 * every path (Statement, PreparedStatement, batches) gets them at once. Per execution: the guard's cache lookup,
 * a check of the cached pinning risks (the connection's auto-commit state is read only when the text can pin), and
 * one metrics sample.
 */
final class StatementGate {

    /** The {@code reason} tag of refusals by the pinning policy. */
    static final String PINNING_REFUSAL = "pinning";

    private static final StatementMeters NO_METERS =
            LimitlessMetrics.noop().statementMeters(null, null, StatementOperation.OTHER);

    private final ShardScopeGuard guard;
    private final PinningDetector pinning;
    private final LimitlessMetrics metrics;
    private final boolean metered;
    private final StatementStatistics statistics = new StatementStatistics();
    // keyed by the guard's cached analysis (identity, weak: follows the guard cache's evictions)
    private final MetersByAnalysis meters = new MetersByAnalysis(this::resolveMeters);

    StatementGate(ShardScopeGuard guard, PinningDetector pinning, LimitlessMetrics metrics) {
        this.guard = guard;
        this.pinning = pinning;
        this.metrics = metrics;
        this.metered = metrics != LimitlessMetrics.noop();
    }

    /**
     * At prepare time ({@code prepareStatement}, {@code prepareCall}): the guard only; pinning and metrics follow at
     * each execution. Returns the verdict when the statement may be prepared; throws the guard's refusal otherwise.
     */
    Verdict admit(String sql) throws SQLException {
        try {
            return guard.check(sql);
        } catch (ShardScopeException e) {
            statistics.refused(e.verdict().analysis());
            metersOf(e.verdict().analysis()).start().refused(refusalReason(e));
            throw e;
        }
    }

    /** For {@code Statement.addBatch}: the guard and the pinning policy, measured when the batch runs. */
    void admitBatched(String sql, Connection connection) throws SQLException {
        StatementAnalysis analysis = admit(sql).analysis();
        PinningRisks risks = analysis.pinningRisks();
        if (risks.any()) {
            try {
                pinning.check(sql, risks, !connection.getAutoCommit());
            } catch (PinningRefusedException e) {
                statistics.refused(analysis);
                metersOf(analysis).start().refused(PINNING_REFUSAL);
                throw e;
            }
        }
    }

    /** Before executing a SQL text: the guard, the pinning policy, then the started sample. */
    StatementSample start(String sql, Connection connection) throws SQLException {
        return start(admit(sql).analysis(), connection);
    }

    /** Before executing a statement prepared (and admitted) earlier: the pinning policy, then the started sample. */
    StatementSample start(StatementAnalysis analysis, Connection connection) throws SQLException {
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

    /** The {@code reason} tag of a guard refusal: a fixed set. */
    static String refusalReason(ShardScopeException refusal) {
        if (refusal instanceof MissingShardKeyException) {
            return "missing_shard_key";
        }
        if (refusal instanceof ShardKeyUpdateException) {
            return "shard_key_update";
        }
        if (refusal instanceof ScatterRefusedException) {
            return refusal.verdict().route().name().toLowerCase(Locale.ROOT);
        }
        return "unknown";
    }
}
