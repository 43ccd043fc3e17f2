package dev.limitless.jdbc;

import dev.limitless.guard.Route;
import dev.limitless.guard.StatementAnalysis;
import dev.limitless.sql.internal.StatementText;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link GuardedDataSource} has seen since start: executions per route, refusals, and the statements refused
 * or run on every shard most often (shortened, literals masked), for the actuator endpoint and support questions.
 * Per execution it costs one counter increment; only scatter and refused statements touch the statement tables,
 * which keep at most {@value #MAX_STATEMENTS} distinct texts each.
 */
public final class StatementStatistics {

    static final int MAX_STATEMENTS = 500;

    private final LongAdder[] executions = new LongAdder[Route.values().length];
    private final LongAdder refusals = new LongAdder();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> scatter = new ConcurrentHashMap<>();

    StatementStatistics() {
        for (int i = 0; i < executions.length; i++) {
            executions[i] = new LongAdder();
        }
    }

    /** A statement of this analysis is about to run. */
    void executed(StatementAnalysis analysis) {
        Route route = analysis.route();
        executions[route.ordinal()].increment();
        if (route == Route.SCATTER) {
            count(scatter, analysis.sql());
        }
    }

    /** A statement of this analysis was refused (by the guard or the pinning policy). */
    void refused(StatementAnalysis analysis) {
        refusals.increment();
        count(refused, analysis.sql());
    }

    private static void count(Map<String, LongAdder> table, String sql) {
        LongAdder counter = table.get(sql);
        if (counter == null) {
            if (table.size() >= MAX_STATEMENTS) {
                return;
            }
            counter = table.computeIfAbsent(sql, key -> new LongAdder());
        }
        counter.increment();
    }

    /** Statements run per route (refused ones are not run and not counted here). */
    public Map<Route, Long> executionsByRoute() {
        Map<Route, Long> counts = new EnumMap<>(Route.class);
        for (Route route : Route.values()) {
            counts.put(route, executions[route.ordinal()].sum());
        }
        return counts;
    }

    /** Statements refused before they were sent. */
    public long refusals() {
        return refusals.sum();
    }

    /** The most often refused statements, most frequent first. */
    public List<StatementCount> topRefused(int limit) {
        return top(refused, limit);
    }

    /** The statements most often run on every shard (opted in, or allowed or warned by the policy), most frequent first. */
    public List<StatementCount> topScatter(int limit) {
        return top(scatter, limit);
    }

    private static List<StatementCount> top(Map<String, LongAdder> table, int limit) {
        return table.entrySet().stream()
                .map(entry -> new StatementCount(StatementText.shorten(entry.getKey()), entry.getValue().sum()))
                .sorted(Comparator.comparingLong(StatementCount::count).reversed().thenComparing(StatementCount::statement))
                .limit(limit)
                .toList();
    }

    /**
     * @param statement shortened, string literals masked
     * @param count how often
     */
    public record StatementCount(String statement, long count) {
    }
}
