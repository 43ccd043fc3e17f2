package dev.limitless.guard;

import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.pinning.PinningClassifier;
import dev.limitless.sql.SqlScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statement;

/**
 * Turns SQL text into a {@link StatementAnalysis}: cheap checks on the raw text first (statement kind, length,
 * nesting), then one bounded parse, then {@link ShardRouting}. Total: any input yields an analysis, never an
 * exception. Thread-safe; not cached (the {@link ShardScopeGuard} caches).
 *
 * <p>The parse runs on the calling thread ({@code CCJSqlParser} directly, not {@code CCJSqlParserUtil}, which
 * hands every parse to a new thread); a shared timer sets the parser's interrupt flag when the time is up.
 */
final class StatementAnalyzer {

    /** First keywords of statements whose tables are read or written; everything else is not routed. */
    private static final Set<String> ROUTED = Set.of("select", "insert", "update", "delete", "with", "values", "table", "(");

    private static final ScheduledExecutorService TIMER = timer();
    private static final Pattern NOT_MATERIALIZED =
            Pattern.compile("\\bAS\\s+NOT\\s+MATERIALIZED\\s*\\(", Pattern.CASE_INSENSITIVE);

    private final ShardCatalog catalog;
    private final List<String> searchPath;
    private final int maxLength;
    /** Longest parenthesized list the guard hands to the parser. */
    static final int MAX_LIST_ELEMENTS = 1_000;

    private final int maxNesting;
    private final long parseTimeoutMillis;
    private final int fanOutLimit;

    StatementAnalyzer(ShardCatalog catalog, List<String> searchPath, int maxLength, int maxNesting, Duration parseTimeout,
            int fanOutLimit) {
        this.catalog = catalog;
        this.searchPath = List.copyOf(searchPath);
        this.maxLength = maxLength;
        this.maxNesting = maxNesting;
        this.parseTimeoutMillis = Math.max(1, parseTimeout.toMillis());
        this.fanOutLimit = fanOutLimit;
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "limitless-guard-parse-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    StatementAnalysis analyze(String sql) {
        try {
            return analyzeText(sql);
        } catch (RuntimeException | StackOverflowError e) {
            // a defect of the guard must not become an application failure, nor a pass: fail closed
            return new StatementAnalysis(sql, "other", Route.UNKNOWN, List.of(),
                    List.of("the guard failed to analyze it (" + e.getClass().getSimpleName() + ")"), List.of(), true,
                    false, null);
        }
    }

    private StatementAnalysis analyzeText(String sql) {
        SqlText text = SqlText.scan(sql);
        if (!ROUTED.contains(text.firstKeyword)) {
            return new StatementAnalysis(sql, "other", Route.STANDARD, List.of(),
                    List.of(text.firstKeyword.isEmpty() ? "no statement" : "not a query or DML statement ("
                            + text.firstKeyword.toUpperCase(Locale.ROOT) + "): not routed to shards"),
                    List.of(), false, text.allowScatterHint, null);
        }
        if (sql.length() > maxLength) {
            return unknown(sql, text, "the statement is " + sql.length() + " characters long; the guard analyzes at most " + maxLength);
        }
        if (text.maxNesting > maxNesting) {
            return unknown(sql, text, "parentheses nest " + text.maxNesting + " deep; the guard analyzes at most " + maxNesting);
        }
        if (text.maxListElements > MAX_LIST_ELEMENTS) {
            // JSqlParser's time grows faster than linearly with list length and ignores the parse timeout there
            return unknown(sql, text, "a parenthesized list has " + text.maxListElements + " elements; the guard analyzes"
                    + " lists of at most " + MAX_LIST_ELEMENTS + ": pass many keys as one array parameter (= ANY(?))"
                    + " or split the statement");
        }
        List<SqlScript.Statement> pieces = SqlScript.split(sql);
        List<SqlScript.Statement> significant = new ArrayList<>();
        for (SqlScript.Statement piece : pieces) {
            if (!piece.commentOnly()) {
                significant.add(piece);
            }
        }
        if (significant.size() > 1) {
            return combine(sql, text, significant);
        }
        return analyzeOne(sql, text);
    }

    private StatementAnalysis analyzeOne(String sql, SqlText text) {
        StatementAnalysis analysis = analyzeOne(sql, text, text.parseable);
        if (analysis.route() == Route.UNKNOWN && NOT_MATERIALIZED.matcher(text.parseable).find()) {
            // JSqlParser does not know "AS NOT MATERIALIZED"; the hint changes nothing the guard decides on
            return analyzeOne(sql, text, NOT_MATERIALIZED.matcher(text.parseable).replaceAll("AS ("));
        }
        return analysis;
    }

    private StatementAnalysis analyzeOne(String sql, SqlText text, String parseable) {
        Statement statement;
        CCJSqlParser parser = new CCJSqlParser(new StringProvider(parseable));
        ScheduledFuture<?> timeout = TIMER.schedule(() -> parser.interrupted = true, parseTimeoutMillis, TimeUnit.MILLISECONDS);
        try {
            statement = parser.Statement();
        } catch (Exception | StackOverflowError e) {
            return unknown(sql, text, parser.interrupted ? "parsing took longer than " + parseTimeoutMillis + " ms"
                    : "the guard cannot parse it: " + firstLine(e.getMessage()));
        } catch (Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            return unknown(sql, text, "the guard cannot parse it: " + firstLine(e.getMessage()));
        } finally {
            timeout.cancel(false);
        }
        if (statement == null) {
            return unknown(sql, text, "the guard cannot parse it");
        }
        ShardRouting.Result result;
        try {
            result = ShardRouting.route(statement, catalog, searchPath, fanOutLimit, text.names);
        } catch (RuntimeException | StackOverflowError e) {
            return unknown(sql, text, "the guard cannot analyze it (" + e.getClass().getSimpleName() + ")");
        }
        return new StatementAnalysis(sql, result.operation(), result.route(), result.tables(), result.reasons(),
                result.keyValues(), result.namesShardedTable() || namesShardedTable(text), text.allowScatterHint,
                result.violation(), PinningClassifier.classify(sql, statement));
    }

    /** Several statements in one text (allowed by {@code Statement.execute}): the widest route wins. */
    private StatementAnalysis combine(String sql, SqlText text, List<SqlScript.Statement> pieces) {
        Route route = null;
        String operation = null;
        Set<TableName> tables = new LinkedHashSet<>();
        List<String> reasons = new ArrayList<>();
        List<ShardKeyValue> values = new ArrayList<>();
        boolean namesSharded = false;
        StatementAnalysis.Violation violation = null;
        for (SqlScript.Statement piece : pieces) {
            StatementAnalysis one = piece.problem() != null
                    ? unknown(piece.sql(), SqlText.scan(piece.sql()), piece.problem())
                    : analyze(piece.sql());
            route = route == null ? one.route() : wider(route, one.route());
            operation = operation == null ? one.operation() : operation.equals(one.operation()) ? operation : "other";
            tables.addAll(one.tables());
            one.reasons().forEach(reason -> reasons.add("statement at line " + piece.line() + ": " + reason));
            values.addAll(one.shardKeyValues());
            namesSharded |= one.namesShardedTable();
            violation = violation == null ? one.violation() : violation;
        }
        return new StatementAnalysis(sql, operation, route, new ArrayList<>(tables), reasons, values, namesSharded,
                text.allowScatterHint, violation);
    }

    private static Route wider(Route a, Route b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(Route route) {
        return switch (route) {
            case STANDARD -> 0;
            case REFERENCE -> 1;
            case SINGLE_SHARD -> 2;
            case MULTI_SHARD -> 3;
            case UNKNOWN -> 4;
            case SCATTER -> 5;
        };
    }

    private StatementAnalysis unknown(String sql, SqlText text, String reason) {
        boolean namesSharded = namesShardedTable(text);
        List<TableName> tables = new ArrayList<>();
        if (namesSharded) {
            for (List<String> name : text.names) {
                TableDefinition definition = resolve(name);
                if (definition != null && definition.isSharded() && !tables.contains(definition.name())) {
                    tables.add(definition.name());
                }
            }
        }
        return new StatementAnalysis(sql, operation(text.firstKeyword), Route.UNKNOWN, tables, List.of(reason),
                List.of(), namesSharded, text.allowScatterHint, null);
    }

    private static String operation(String firstKeyword) {
        return switch (firstKeyword) {
            case "select", "insert", "update", "delete" -> firstKeyword;
            default -> "other";
        };
    }

    private boolean namesShardedTable(SqlText text) {
        for (List<String> name : text.names) {
            TableDefinition definition = resolve(name);
            if (definition != null && definition.isSharded()) {
                return true;
            }
        }
        return false;
    }

    private TableDefinition resolve(List<String> name) {
        int size = name.size();
        if (name.get(size - 1).isEmpty() || size > 1 && name.get(size - 2).isEmpty()) {
            return null;
        }
        if (size == 1) {
            return catalog.resolve(null, name.get(0), searchPath).orElse(null);
        }
        return catalog.resolve(name.get(size - 2), name.get(size - 1), searchPath).orElse(null);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
