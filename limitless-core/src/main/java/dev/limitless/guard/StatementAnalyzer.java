package dev.limitless.guard;

import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.pinning.internal.PinningClassifier;
import dev.limitless.sql.internal.SqlScript;
import dev.limitless.sql.internal.SqlTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import net.sf.jsqlparser.statement.Statement;

/**
 * Turns SQL text into a {@link StatementAnalysis}. The text is read once by the one lexer ({@link SqlTokens}), split
 * into statements where PostgreSQL splits it, and every statement is judged on its own: by its kind (queries and
 * DML are parsed and routed, wrappers such as EXPLAIN ANALYZE, COPY (query), CREATE TABLE AS, PREPARE and DECLARE
 * route the statement they run, schema and session commands are not routed), then by one bounded parse and
 * {@link ShardRouting}, then by a cross-check that fails closed: every mention of a sharded table in the text must
 * be an occurrence the routing accounted for. Total: any input yields an analysis, never an exception. Thread-safe;
 * not cached (the {@link ShardScopeGuard} caches).
 *
 * <p>The parse runs on the calling thread ({@code CCJSqlParser} directly, not {@code CCJSqlParserUtil}, which
 * hands every parse to a new thread); the guard's {@link ParseWatchdog} sets the parser's interrupt flag when the
 * time is up.
 */
final class StatementAnalyzer {

    /** First keywords of statements that read or write rows and are parsed and routed. */
    private static final Set<String> ROUTED = Set.of("select", "insert", "update", "delete", "with", "values", "table", "(");

    /**
     * Statements that change the schema, the session or the transaction, or use what an earlier statement (judged
     * then) prepared: not routed to shards' rows. Their Limitless rules are the DDL checker's.
     */
    private static final Set<String> NOT_ROUTED = Set.of("alter", "drop", "comment", "grant", "revoke", "set", "reset",
            "show", "begin", "start", "commit", "end", "rollback", "savepoint", "release", "abort", "analyze",
            "analyse", "vacuum", "discard", "listen", "notify", "unlisten", "checkpoint", "reindex", "cluster", "security",
            "import", "load", "reassign", "deallocate", "execute", "fetch", "move", "close");

    /** Functions that run SQL given as text (or read whole tables by name): the guard cannot see what they touch. */
    private static final Set<String> SQL_FROM_TEXT = Set.of("query_to_xml", "query_to_xmlschema",
            "query_to_xml_and_xmlschema", "table_to_xml", "table_to_xmlschema", "table_to_xml_and_xmlschema",
            "schema_to_xml", "schema_to_xmlschema", "schema_to_xml_and_xmlschema", "database_to_xml",
            "database_to_xmlschema", "database_to_xml_and_xmlschema", "cursor_to_xml", "cursor_to_xmlschema", "ts_stat",
            "ts_rewrite", "dblink", "dblink_exec", "dblink_open", "dblink_send_query", "dblink_fetch");

    private static final Pattern NOT_MATERIALIZED =
            Pattern.compile("\\bAS\\s+NOT\\s+MATERIALIZED\\s*\\(", Pattern.CASE_INSENSITIVE);

    private static final Pattern INTO_OPTIONS = Pattern.compile(
            "\\bINTO\\s+(?:(?:TEMPORARY|TEMP|UNLOGGED)\\s+(?:TABLE\\s+)?|TABLE\\s+)(?=[\\w\"])", Pattern.CASE_INSENSITIVE);

    /** Longest parenthesized list the guard hands to the parser. */
    static final int MAX_LIST_ELEMENTS = 1_000;

    /** Wrapper statements nest (EXPLAIN ANALYZE CREATE TABLE AS ...): a bound keeps hostile texts from recursing deeply. */
    private static final int MAX_WRAPPERS = 8;

    private final ShardCatalog catalog;
    private final List<String> searchPath;
    private final int maxLength;
    private final int maxNesting;
    private final int fanOutLimit;
    private final ParseWatchdog watchdog;
    private final GuardParser.Pool parsers;
    /** Sharded tables by unqualified name, whatever their schema. */
    private final Map<String, TableDefinition> shardedByName = new HashMap<>();
    private final boolean hasShardedTables;

    StatementAnalyzer(ShardCatalog catalog, List<String> searchPath, int maxLength, int maxNesting, int fanOutLimit,
            ParseWatchdog watchdog, GuardParser.Pool parsers) {
        this.parsers = parsers;
        this.catalog = catalog;
        this.searchPath = List.copyOf(searchPath);
        this.maxLength = maxLength;
        this.maxNesting = maxNesting;
        this.fanOutLimit = fanOutLimit;
        this.watchdog = watchdog;
        for (TableDefinition table : catalog.shardedTables()) {
            shardedByName.putIfAbsent(table.name().name(), table);
        }
        this.hasShardedTables = !shardedByName.isEmpty();
    }

    /** The analysis of a text with the given parse budget; {@code timedOut} is set when a parse ran out of it. */
    StatementAnalysis analyze(String sql, Duration parseTimeout, boolean[] timedOut, boolean timed) {
        Run run = new Run(Math.max(1, parseTimeout.toMillis()), timed);
        try {
            return run.text(sql);
        } catch (RuntimeException | StackOverflowError e) {
            // a defect of the guard must not become an application failure, nor a pass: fail closed
            return new StatementAnalysis(sql, "other", Route.UNKNOWN, List.of(),
                    List.of("the guard failed to analyze it (" + e.getClass().getSimpleName() + ")"), List.of(),
                    hasShardedTables, false, null);
        } finally {
            timedOut[0] = run.timedOut;
        }
    }

    /** One analysis: holds whether a parse ran out of time. */
    private final class Run {
        private final long parseTimeoutMillis;
        private final boolean timed;
        boolean timedOut;
        /**
         * How unqualified names resolve for the statements that follow: the guard's search path, the one a
         * {@code SET search_path} earlier in the text set, or any schema when the text changed it in a way the guard
         * cannot read.
         */
        Names names = new Names(searchPath, false);

        Run(long parseTimeoutMillis, boolean timed) {
            this.parseTimeoutMillis = parseTimeoutMillis;
            this.timed = timed;
        }

        StatementAnalysis text(String sql) {
            SqlTokens.Scan scan = SqlTokens.scan(sql);
            if (scan.backslashInPlainString()) {
                SqlTokens.Scan legacy = SqlTokens.scan(sql, false);
                if (!scan.sameShape(legacy)) {
                    // with standard_conforming_strings off, a backslash ends no string: the text hides something
                    // (and a hint counts under neither reading)
                    SqlText text = SqlText.of(sql, scan);
                    SqlText legacyText = SqlText.of(sql, legacy);
                    boolean named = namesShardedTable(text) || namesShardedTable(legacyText);
                    List<TableName> tables = new ArrayList<>(shardedNames(text));
                    shardedNames(legacyText).stream().filter(t -> !tables.contains(t)).forEach(tables::add);
                    return new StatementAnalysis(sql, operation(text.firstKeyword), Route.UNKNOWN, tables,
                            List.of("a string literal holds a backslash before a quote, so PostgreSQL reads the text"
                                    + " differently when standard_conforming_strings is off: pass the value as a parameter"),
                            List.of(), named, false, null);
                }
            }
            List<SqlScript.Statement> pieces = new ArrayList<>();
            for (SqlScript.Statement piece : SqlScript.split(sql, scan)) {
                if (!piece.commentOnly()) {
                    pieces.add(piece);
                }
            }
            if (pieces.size() <= 1) {
                if (!pieces.isEmpty() && pieces.get(0).problem() != null) {
                    SqlText text = SqlText.of(sql, scan);
                    return unknown(sql, text, namesShardedTable(text, names), pieces.get(0).problem());
                }
                if (!pieces.isEmpty() && !pieces.get(0).sql().equals(sql.strip())) {
                    // comments after the last semicolon belong to no statement: a hint there opts nothing in
                    StatementAnalysis one = statement(pieces.get(0).sql(), SqlText.scan(pieces.get(0).sql()), 0);
                    return new StatementAnalysis(sql, one.operation(), one.route(), one.tables(), one.reasons(),
                            one.shardKeyValues(), one.namesShardedTable(), one.allowScatterHint(), one.violation(),
                            one.pinningRisks());
                }
                return statement(sql, SqlText.of(sql, scan), 0);
            }
            return combine(sql, scan, pieces);
        }

        /** Several statements in one text: each judged on its own; the widest route describes the whole. */
        private StatementAnalysis combine(String sql, SqlTokens.Scan scan, List<SqlScript.Statement> pieces) {
            Route route = null;
            String operation = null;
            Set<TableName> tables = new LinkedHashSet<>();
            List<String> reasons = new ArrayList<>();
            List<ShardKeyValue> values = new ArrayList<>();
            List<StatementAnalysis> parts = new ArrayList<>();
            boolean namesSharded = false;
            StatementAnalysis.Violation violation = null;
            for (SqlScript.Statement piece : pieces) {
                StatementAnalysis one;
                if (piece.problem() != null) {
                    SqlText text = SqlText.scan(piece.sql());
                    one = unknown(piece.sql(), text, namesShardedTable(text, names), piece.problem());
                } else {
                    one = statement(piece.sql(), SqlText.scan(piece.sql()), 0);
                }
                parts.add(one);
                names = names.after(SqlText.scan(piece.sql()));
                route = route == null ? one.route() : wider(route, one.route());
                operation = operation == null ? one.operation() : operation.equals(one.operation()) ? operation : "other";
                tables.addAll(one.tables());
                one.reasons().forEach(reason -> reasons.add("statement at line " + piece.line() + ": " + reason));
                values.addAll(one.shardKeyValues());
                namesSharded |= one.namesShardedTable();
                violation = violation == null ? one.violation() : violation;
            }
            return new StatementAnalysis(sql, operation, route, new ArrayList<>(tables), reasons, values, namesSharded,
                    false, violation, PinningClassifier.classify(sql), parts);
        }

        /** One statement, by its kind. */
        private StatementAnalysis statement(String sql, SqlText text, int wrappers) {
            if (wrappers > MAX_WRAPPERS) {
                return unknown(sql, text, namesShardedTable(text, names), "statements wrap each other more than " + MAX_WRAPPERS + " deep");
            }
            List<SqlTokens.Token> tokens = text.scan.tokens();
            String kind = text.firstKeyword;
            if (tokens.isEmpty()) {
                return notRouted(sql, text, "no statement");
            }
            if (ROUTED.contains(kind)) {
                return routed(sql, text);
            }
            switch (kind) {
                case "explain" -> {
                    return explain(sql, text, wrappers);
                }
                case "copy" -> {
                    return copy(sql, text, wrappers);
                }
                case "create" -> {
                    return create(sql, text, wrappers);
                }
                case "prepare" -> {
                    int as = topLevel(tokens, 1, "as");
                    if (as < 0 || as + 1 >= tokens.size()) {
                        return notRouted(sql, text, "PREPARE TRANSACTION: not routed to shards");
                    }
                    return inner(sql, text, tokens.get(as + 1).start(), sql.length(), wrappers, "PREPARE");
                }
                case "declare" -> {
                    int forKeyword = topLevel(tokens, 1, "for");
                    if (forKeyword < 0 || forKeyword + 1 >= tokens.size()) {
                        return unknown(sql, text, namesShardedTable(text, names), "a DECLARE without FOR query");
                    }
                    return inner(sql, text, tokens.get(forKeyword + 1).start(), sql.length(), wrappers, "DECLARE CURSOR");
                }
                case "truncate" -> {
                    return everyShard(sql, text, "TRUNCATE empties ", " on every shard");
                }
                case "lock" -> {
                    return everyShard(sql, text, "LOCK takes a lock on every shard of ", "");
                }
                case "refresh" -> {
                    return unknown(sql, text, hasShardedTables,
                            "refreshing a materialized view runs its query, which the guard cannot see");
                }
                case "merge" -> {
                    return namesShardedTable(text, names)
                            ? unknown(sql, text, true, "MERGE on a sharded table: Aurora Limitless does not support MERGE;"
                                    + " use INSERT ... ON CONFLICT or UPDATE with the shard key")
                            : notRouted(sql, text, "MERGE names no sharded table");
                }
                case "do" -> {
                    return unknown(sql, text, hasShardedTables,
                            "a DO block runs SQL the guard cannot see");
                }
                default -> {
                    String reader = kind.equals("call") ? readerNamed(text, names) : null;
                    if (reader != null) {
                        return unknown(sql, text, true, reader);
                    }
                    if (NOT_ROUTED.contains(kind)) {
                        return notRouted(sql, text, "a " + kind.toUpperCase(Locale.ROOT) + " statement is not routed to shards' rows");
                    }
                    return namesShardedTable(text, names)
                            ? unknown(sql, text, true, "a " + kind.toUpperCase(Locale.ROOT) + " statement naming a sharded"
                                    + " table: the guard does not route this kind of statement")
                            : notRouted(sql, text, "not a query or DML statement (" + kind.toUpperCase(Locale.ROOT)
                                    + "): not routed to shards");
                }
            }
        }

        private StatementAnalysis explain(String sql, SqlText text, int wrappers) {
            List<SqlTokens.Token> tokens = text.scan.tokens();
            int i = 1;
            boolean analyze = false;
            if (i < tokens.size() && tokens.get(i).isSymbol("(")) {
                int close = SqlTokens.closing(tokens, i);
                for (int k = i + 1; k < close; k++) {
                    SqlTokens.Token option = tokens.get(k);
                    if (option.is("analyze") || option.is("analyse")) {
                        SqlTokens.Token value = k + 1 < close ? tokens.get(k + 1) : null;
                        analyze |= value == null || !(value.is("false") || value.is("off") || value.text().equals("0"));
                    }
                }
                i = close + 1;
            } else {
                while (i < tokens.size() && (tokens.get(i).is("analyze") || tokens.get(i).is("analyse")
                        || tokens.get(i).is("verbose"))) {
                    analyze |= !tokens.get(i).is("verbose");
                    i++;
                }
            }
            if (i >= tokens.size()) {
                return notRouted(sql, text, "EXPLAIN without a statement");
            }
            if (!analyze) {
                return notRouted(sql, text, "EXPLAIN without ANALYZE plans the statement without running it");
            }
            return inner(sql, text, tokens.get(i).start(), sql.length(), wrappers, "EXPLAIN ANALYZE");
        }

        private StatementAnalysis copy(String sql, SqlText text, int wrappers) {
            List<SqlTokens.Token> tokens = text.scan.tokens();
            if (tokens.size() > 1 && tokens.get(1).isSymbol("(")) {
                int close = SqlTokens.closing(tokens, 1);
                if (close <= 2) {
                    return unknown(sql, text, namesShardedTable(text, names), "COPY with an empty query");
                }
                return inner(sql, text, tokens.get(2).start(), tokens.get(close).start(), wrappers, "COPY (query)");
            }
            TableDefinition table = null;
            if (tokens.size() > 1 && tokens.get(1).isIdentifier()) {
                List<String> name = new ArrayList<>();
                name.add(tokens.get(1).identifier());
                if (tokens.size() > 3 && tokens.get(2).isSymbol(".") && tokens.get(3).isIdentifier()) {
                    name.add(tokens.get(3).identifier());
                }
                table = resolve(name);
            }
            if (table == null || !table.isSharded()) {
                return namesShardedTable(text, names) ? unknown(sql, text, true, "a COPY the guard cannot read")
                        : notRouted(sql, text, "COPY of a table that is not sharded");
            }
            boolean from = topLevel(tokens, 2, "from") >= 0;
            String reason = from ? "COPY FROM writes each row to the shard of its key" : "COPY TO reads every row of "
                    + table.name() + " on every shard";
            return new StatementAnalysis(sql, from ? "insert" : "select", from ? Route.MULTI_SHARD : Route.SCATTER,
                    List.of(table.name()), List.of(reason), List.of(), true, text.allowScatterHint, null);
        }

        /** CREATE TABLE ... AS query and CREATE MATERIALIZED VIEW ... AS query run the query; other CREATEs do not. */
        private StatementAnalysis create(String sql, SqlText text, int wrappers) {
            List<SqlTokens.Token> tokens = text.scan.tokens();
            int object = -1;
            for (int k = 1; k < tokens.size() && k < 8; k++) {
                SqlTokens.Token token = tokens.get(k);
                if (token.is("table") || token.is("view") && k > 1 && tokens.get(k - 1).is("materialized")) {
                    object = k;
                    break;
                }
                if (token.is("rule")) {
                    return namesShardedTable(text, names)
                            ? unknown(sql, text, true, "a rule on a sharded table rewrites later statements the guard cannot see")
                            : notRouted(sql, text, "CREATE RULE names no sharded table");
                }
                if (!(token.is("or") || token.is("replace") || token.is("global") || token.is("local") || token.is("temp")
                        || token.is("temporary") || token.is("unlogged") || token.is("materialized"))) {
                    break;
                }
            }
            if (object < 0) {
                return notRouted(sql, text, "a CREATE statement is not routed to shards' rows");
            }
            int as = topLevel(tokens, object + 1, "as");
            if (as < 0 || as + 1 >= tokens.size()) {
                return notRouted(sql, text, "a CREATE statement is not routed to shards' rows");
            }
            int end = tokens.size();
            boolean noData = false;
            if (end - as > 3 && tokens.get(end - 1).is("data") && tokens.get(end - 3).is("with") && tokens.get(end - 2).is("no")) {
                noData = true;
                end -= 3;
            } else if (end - as > 2 && tokens.get(end - 1).is("data") && tokens.get(end - 2).is("with")) {
                end -= 2;
            }
            if (noData) {
                return notRouted(sql, text, "WITH NO DATA: the query is not run");
            }
            int queryEnd = end < tokens.size() ? tokens.get(end).start() : sql.length();
            return inner(sql, text, tokens.get(as + 1).start(), queryEnd, wrappers, "CREATE ... AS");
        }

        /** TRUNCATE and LOCK reach every shard of every sharded table they name. */
        private StatementAnalysis everyShard(String sql, SqlText text, String before, String after) {
            List<TableName> sharded = shardedNames(text);
            if (sharded.isEmpty()) {
                return notRouted(sql, text, "names no sharded table");
            }
            List<String> reasons = new ArrayList<>();
            for (TableName table : sharded) {
                reasons.add(before + table + after);
            }
            return new StatementAnalysis(sql, "delete", Route.SCATTER, sharded, reasons, List.of(), true,
                    text.allowScatterHint, null);
        }

        /** The statement a wrapper runs, judged as its own; the wrapper's hint covers it. */
        private StatementAnalysis inner(String sql, SqlText text, int from, int to, int wrappers, String wrapper) {
            String innerSql = sql.substring(from, to);
            StatementAnalysis analysis = statement(innerSql, SqlText.scan(innerSql), wrappers + 1);
            List<String> reasons = new ArrayList<>();
            for (String reason : analysis.reasons()) {
                reasons.add(wrapper + " runs its statement: " + reason);
            }
            return new StatementAnalysis(sql, analysis.operation(), analysis.route(), analysis.tables(), reasons,
                    analysis.shardKeyValues(), analysis.namesShardedTable() || namesShardedTable(text, names),
                    text.allowScatterHint || analysis.allowScatterHint(), analysis.violation(),
                    PinningClassifier.classify(sql));
        }

        private StatementAnalysis routed(String sql, SqlText text) {
            if (sql.length() > maxLength) {
                return unknown(sql, text, namesShardedTable(text, names), "the statement is " + sql.length()
                        + " characters long; the guard analyzes at most " + maxLength);
            }
            if (text.maxNesting > maxNesting) {
                return unknown(sql, text, namesShardedTable(text, names), "parentheses nest " + text.maxNesting
                        + " deep; the guard analyzes at most " + maxNesting);
            }
            if (text.maxListElements > MAX_LIST_ELEMENTS) {
                // JSqlParser's time grows faster than linearly with list length and ignores the parse timeout there
                return unknown(sql, text, namesShardedTable(text, names), "a parenthesized list has " + text.maxListElements
                        + " elements; the guard analyzes lists of at most " + MAX_LIST_ELEMENTS + ": pass many keys as"
                        + " one array parameter (= ANY(?)) or split the statement");
            }
            String reader = readerNamed(text, names);
            if (reader != null) {
                return unknown(sql, text, true, reader);
            }
            List<SqlTokens.Token> tokens = text.scan.tokens();
            List<StatementAnalysis> fromText = new ArrayList<>();
            for (int i = 0; i + 1 < tokens.size(); i++) {
                if (tokens.get(i).kind() == SqlTokens.Kind.WORD && tokens.get(i + 1).isSymbol("(")
                        && SQL_FROM_TEXT.contains(tokens.get(i).identifier())) {
                    StatementAnalysis inner = sqlFromText(tokens, i, text);
                    if (inner == null) {
                        return unknown(sql, text, hasShardedTables, tokens.get(i).identifier()
                                + "() runs SQL given as text, which the guard cannot see");
                    }
                    fromText.add(inner);
                }
            }
            // JSqlParser reads "AS NOT MATERIALIZED" as MATERIALIZED; read as a plain CTE, it is inlined where
            // PostgreSQL would inline it anyway (referenced once), which errs on the side of refusing
            String parseable = text.materializedWord && NOT_MATERIALIZED.matcher(text.parseable).find()
                    ? NOT_MATERIALIZED.matcher(text.parseable).replaceAll("AS (") : text.parseable;
            // SELECT ... INTO TEMP|UNLOGGED [TABLE] t: JSqlParser reads only INTO t, which routes the same
            if (text.intoWord) {
                parseable = INTO_OPTIONS.matcher(parseable).replaceAll("INTO ");
            }
            StatementAnalysis analysis = parsed(sql, text, parseable);
            for (StatementAnalysis inner : fromText) {
                // the statement runs the text's SQL too: its route is the wider of both
                if (wider(analysis.route(), inner.route()) != analysis.route() || inner.violation() != null) {
                    List<String> reasons = new ArrayList<>(analysis.reasons());
                    inner.reasons().forEach(reason -> reasons.add("the SQL it runs from text: " + reason));
                    List<TableName> tables = new ArrayList<>(analysis.tables());
                    inner.tables().stream().filter(t -> !tables.contains(t)).forEach(tables::add);
                    analysis = new StatementAnalysis(sql, analysis.operation(), inner.route(), tables, reasons,
                            analysis.shardKeyValues(), analysis.namesShardedTable() || inner.namesShardedTable(),
                            analysis.allowScatterHint(), inner.violation() != null ? inner.violation() : analysis.violation(),
                            analysis.pinningRisks());
                }
            }
            return analysis;
        }

        /**
         * What a function that runs SQL from text runs, when its text is a literal the guard can read:
         * {@code query_to_xml('SELECT ...', ...)} and {@code ts_stat('SELECT ...')} run the query;
         * {@code table_to_xml('name', ...)} reads the whole table. {@code null} when the guard cannot tell.
         */
        private StatementAnalysis sqlFromText(List<SqlTokens.Token> tokens, int function, SqlText outer) {
            String name = tokens.get(function).identifier();
            if (function + 2 >= tokens.size() || tokens.get(function + 2).kind() != SqlTokens.Kind.STRING
                    || !tokens.get(function + 2).text().startsWith("'")) {
                return null;
            }
            if (function + 3 >= tokens.size() || !(tokens.get(function + 3).isSymbol(",") || tokens.get(function + 3).isSymbol(")"))) {
                return null; // the text is built from pieces ('SELECT * FROM ' || name): the guard cannot read it
            }
            String literal = tokens.get(function + 2).text();
            String value = literal.substring(1, literal.length() - 1).replace("''", "'");
            if (name.startsWith("query_to_xml") || name.equals("ts_stat")) {
                StatementAnalysis inner = text(value);
                return inner.route() == Route.UNKNOWN ? null : inner;
            }
            if (name.startsWith("table_to_xml")) {
                SqlTokens.Scan scan = SqlTokens.scan(value);
                if (scan.problem() != null || scan.tokens().isEmpty()) {
                    return null;
                }
                List<String> parts = new ArrayList<>();
                for (SqlTokens.Token token : scan.tokens()) {
                    if (token.isIdentifier()) {
                        parts.add(token.identifier());
                    } else if (!token.isSymbol(".")) {
                        return null;
                    }
                }
                TableDefinition table = resolve(parts, names);
                if (table == null || !table.isSharded()) {
                    return new StatementAnalysis(value, "select", table == null ? Route.STANDARD : Route.REFERENCE,
                            List.of(), List.of(name + "() reads a table that is not sharded"), List.of(), false, false, null);
                }
                return new StatementAnalysis(value, "select", Route.SCATTER, List.of(table.name()),
                        List.of(name + "() reads every row of " + table.name() + " on every shard"), List.of(), true,
                        outer.allowScatterHint, null);
            }
            return null;
        }

        private StatementAnalysis parsed(String sql, SqlText text, String parseable) {
            Statement statement;
            GuardParser parser = parsers.parserFor(parseable);
            if (timed) {
                watchdog.watch(parser, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(parseTimeoutMillis));
            }
            boolean ended = false;
            try {
                statement = parser.Statement();
                ended = true;
            } catch (Exception | StackOverflowError e) {
                if (parser.interrupted) {
                    timedOut = true;
                    return unknown(sql, text, namesShardedTable(text, names), "parsing took longer than " + parseTimeoutMillis + " ms");
                }
                return unknown(sql, text, namesShardedTable(text, names), "the guard cannot parse it");
            } catch (Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                return unknown(sql, text, namesShardedTable(text, names), "the guard cannot parse it");
            } finally {
                if (timed) {
                    watchdog.done(parser);
                }
                if (!(ended && parsers.release(parser))) {
                    watchdog.forget(parser);
                }
            }
            if (statement == null) {
                return unknown(sql, text, namesShardedTable(text, names), "the guard cannot parse it");
            }
            ShardRouting.Result result;
            Map<TableName, Integer> mentioned = shardedMentions(text, names);
            try {
                result = ShardRouting.route(statement, catalog, names.path(), fanOutLimit, text.names, text.jsonOperators);
                if (!result.misread() && !text.jsonOperators && !accountedFor(mentioned, result)) {
                    // some mention lies in a clause the routing does not follow: walk the whole tree for it
                    result = ShardRouting.route(statement, catalog, names.path(), fanOutLimit, text.names, true);
                }
            } catch (RuntimeException | StackOverflowError e) {
                return unknown(sql, text, namesShardedTable(text, names), "the guard cannot analyze it (" + e.getClass().getSimpleName() + ")");
            }
            if (result.misread()) {
                return unknown(sql, text, namesShardedTable(text, names), "the parser misreads the precedence of a"
                        + " JSON operator followed by AND, OR or a comparison: put the JSON expression in parentheses");
            }
            // fail closed: every mention of a sharded table must be an occurrence the routing accounted for
            for (Map.Entry<TableName, Integer> entry : mentioned.entrySet()) {
                int routedCount = result.occurrencesByTable().getOrDefault(entry.getKey(), 0)
                        + result.cteMentions().getOrDefault(entry.getKey().name(), 0);
                if (routedCount < entry.getValue()) {
                    return unknown(sql, text, true, "sharded table " + entry.getKey() + " is named " + entry.getValue()
                            + (entry.getValue() == 1 ? " time" : " times") + " but the guard could follow only " + routedCount
                            + " of them (a clause, alias or name it does not resolve): refused rather than guessed");
                }
            }
            return new StatementAnalysis(sql, result.operation(), result.route(), result.tables(), result.reasons(),
                    result.keyValues(), result.namesShardedTable() || !mentioned.isEmpty(), text.allowScatterHint,
                    result.violation(), PinningClassifier.classify(sql, statement, text.scan.tokens()));
        }

        private StatementAnalysis notRouted(String sql, SqlText text, String reason) {
            return new StatementAnalysis(sql, "other", Route.STANDARD, List.of(), List.of(reason), List.of(), false,
                    text.allowScatterHint, null);
        }

        private StatementAnalysis unknown(String sql, SqlText text, boolean namesSharded, String reason) {
            List<TableName> tables = namesSharded ? shardedNames(text) : List.of();
            return new StatementAnalysis(sql, operation(text.firstKeyword), Route.UNKNOWN, tables, List.of(reason),
                    List.of(), namesSharded, text.allowScatterHint, null);
        }
    }

    /** A view or function of the text that reads sharded tables, said in a sentence; {@code null} if none. */
    private String readerNamed(SqlText text, Names names) {
        for (List<List<String>> chains : List.of(text.names, text.calls)) {
            for (List<String> chain : chains) {
                int size = chain.size();
                if (size > 3 || chain.contains("")) {
                    continue;
                }
                String schema = size == 1 ? null : chain.get(size - 2);
                java.util.Set<TableName> read = catalog.readsOf(schema, chain.get(size - 1), names.path());
                if (!read.isEmpty()) {
                    return String.join(".", chain) + " reads sharded table" + (read.size() > 1 ? "s " : " ")
                            + read.stream().map(TableName::toString).sorted().collect(java.util.stream.Collectors.joining(", "))
                            + ", and the guard cannot see which rows: query the tables themselves, or opt in";
                }
            }
        }
        return null;
    }

    private static boolean accountedFor(Map<TableName, Integer> mentioned, ShardRouting.Result result) {
        for (Map.Entry<TableName, Integer> entry : mentioned.entrySet()) {
            int routed = result.occurrencesByTable().getOrDefault(entry.getKey(), 0)
                    + result.cteMentions().getOrDefault(entry.getKey().name(), 0);
            if (routed < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first token {@code word} at parenthesis depth 0 from {@code from}, or -1. */
    private static int topLevel(List<SqlTokens.Token> tokens, int from, String word) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            SqlTokens.Token token = tokens.get(i);
            if (token.isSymbol("(") || token.isSymbol("[")) {
                depth++;
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && token.is(word)) {
                return i;
            }
        }
        return -1;
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

    /**
     * How unqualified names resolve.
     *
     * @param path the schemas, in order
     * @param anySchema whether an unqualified name of a sharded table in any schema counts as a mention of it (the
     *     text changed its search path in a way the guard cannot read)
     */
    private record Names(List<String> path, boolean anySchema) {

        /**
         * The resolution after a statement: {@code SET [SESSION|LOCAL] search_path TO|= a, b} (or
         * {@code SET SCHEMA 'a'}) sets the path; {@code DEFAULT} or anything the guard cannot read (a
         * {@code set_config('search_path', ...)}) makes every schema count.
         */
        Names after(SqlText statement) {
            List<SqlTokens.Token> tokens = statement.scan.tokens();
            int i = 0;
            if (i < tokens.size() && tokens.get(i).is("set")) {
                i++;
                if (i < tokens.size() && (tokens.get(i).is("session") || tokens.get(i).is("local"))) {
                    i++;
                }
                boolean schema = i < tokens.size() && tokens.get(i).is("schema");
                if (i < tokens.size() && (tokens.get(i).is("search_path") || schema)) {
                    i++;
                    if (!schema && i < tokens.size() && (tokens.get(i).is("to") || tokens.get(i).isSymbol("="))) {
                        i++;
                    }
                    List<String> schemas = new ArrayList<>();
                    for (; i < tokens.size(); i++) {
                        SqlTokens.Token token = tokens.get(i);
                        if (token.isSymbol(",")) {
                            continue;
                        }
                        if (token.isIdentifier() && !token.is("default")) {
                            schemas.add(token.identifier());
                        } else if (token.kind() == SqlTokens.Kind.STRING && token.text().startsWith("'")) {
                            schemas.add(token.text().substring(1, token.text().length() - 1).replace("''", "'"));
                        } else {
                            return new Names(path, true);
                        }
                    }
                    return schemas.isEmpty() ? new Names(path, true) : new Names(List.copyOf(schemas), false);
                }
            }
            for (SqlTokens.Token token : tokens) {
                if (token.is("search_path") || token.kind() == SqlTokens.Kind.STRING
                        && token.text().toLowerCase(Locale.ROOT).contains("search_path")) {
                    return new Names(path, true);
                }
            }
            return this;
        }
    }

    private static String operation(String firstKeyword) {
        return switch (firstKeyword) {
            case "select", "insert", "update", "delete" -> firstKeyword;
            default -> "other";
        };
    }

    private boolean namesShardedTable(SqlText text) {
        return namesShardedTable(text, new Names(searchPath, false));
    }

    private boolean namesShardedTable(SqlText text, Names names) {
        return !shardedMentions(text, names).isEmpty();
    }

    private List<TableName> shardedNames(SqlText text) {
        return new ArrayList<>(shardedMentions(text, new Names(searchPath, false)).keySet());
    }

    /** How often each sharded table is mentioned in the text (names that may be relations), in order of first mention. */
    private Map<TableName, Integer> shardedMentions(SqlText text, Names names) {
        Map<TableName, Integer> mentions = new java.util.LinkedHashMap<>();
        for (List<String> name : text.names) {
            TableDefinition definition = resolve(name, names);
            if (definition != null && definition.isSharded()) {
                mentions.merge(definition.name(), 1, Integer::sum);
            }
        }
        return mentions;
    }

    /** A relation name: {@code t}, {@code s.t} or {@code db.s.t}; {@code s.t.c} (a column) resolves as {@code s.t}'s column. */
    private TableDefinition resolve(List<String> name) {
        return resolve(name, new Names(searchPath, false));
    }

    private TableDefinition resolve(List<String> name, Names names) {
        int size = name.size();
        for (String part : name) {
            if (part.isEmpty()) {
                return null; // "" is no name PostgreSQL accepts
            }
        }
        if (size == 1) {
            TableDefinition found = catalog.resolve(null, name.get(0), names.path()).orElse(null);
            if (found != null) {
                return found;
            }
            return names.anySchema() ? shardedByName.get(name.get(0)) : null;
        }
        if (size == 2 || size == 3) {
            return catalog.resolve(name.get(size - 2), name.get(size - 1), names.path()).orElse(null);
        }
        return null;
    }
}
