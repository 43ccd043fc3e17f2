package dev.limitless.benchmarks.fuzz;

import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.Route;
import dev.limitless.guard.ShardScopeException;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.guard.StatementAnalysis;
import dev.limitless.guard.Verdict;
import dev.limitless.sql.internal.SqlScript;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import dev.limitless.test.oracle.ShardTouch;
import dev.limitless.test.oracle.ShardTouchOracle;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hostile input for the guard and the script splitter: {@code count} statements from {@link HostileSql}, every
 * second one mutated, each analyzed ({@link ShardScopeGuard#analyze}, which must never throw), checked
 * ({@link ShardScopeGuard#check}, which may throw only a {@link ShardScopeException}, the documented refusal) and
 * split ({@link SqlScript#split}, which must never throw and must split unmutated texts into exactly their
 * statements). Unmutated statements are then held to the guard's promise, under its default policy:
 * <ul>
 *   <li>a statement known by construction to need refusing (a scatter in a multi-statement text, behind a fake or
 *       misplaced hint, in a wrapper, with a mistyped key value, ...) is refused; the label itself is confirmed by
 *       planning the statement it rests on;</li>
 *   <li>a statement the guard lets run, or calls SINGLE_SHARD, is planned by PostgreSQL on the local emulation
 *       ({@link ShardTouchOracle}) when PostgreSQL can plan it (every one of the issue-13 families, every
 *       {@code oracleEvery}-th of the grammar): it must not touch every shard of a table, and a SINGLE_SHARD one
 *       must touch at most one shard of each table.</li>
 * </ul>
 *
 * <p>Long run: {@code java -cp limitless-benchmarks/target/limitless-benchmarks.jar
 * dev.limitless.benchmarks.fuzz.GuardFuzz [count] [seed] [oracleEvery] [maxListSize] [maxNesting] [parseTimeoutMillis]}
 * (defaults 100,000, 20261123, 20, 1,000, 3,000 and the guard's own parse timeout), after
 * {@code ./mvnw -B -pl limitless-benchmarks -am package -DskipTests}.
 */
public final class GuardFuzz {

    /** Shards of the emulation the oracle plans on: more than any small IN list of the generator can cover. */
    public static final int SHARDS = 32;
    private static final int EXAMPLES = 10;

    /**
     * How a run is made.
     *
     * @param statements   how many statements (every second one mutated)
     * @param seed         the generator's seed
     * @param maxListSize  largest IN or VALUES list of hostile statements
     * @param maxNesting   deepest parenthesis nesting of hostile statements
     * @param parseTimeout the guard's parse timeout, or {@code null} for its default
     * @param oracleEvery  plan every n-th scoped, unmutated statement
     * @param progress     print a line to standard error every 10,000 statements
     */
    public record Settings(int statements, long seed, int maxListSize, int maxNesting, Duration parseTimeout,
                           int oracleEvery, boolean progress) {
    }

    /**
     * What a run found.
     *
     * @param unexpected         statements that made the guard or the splitter throw something other than a refusal
     * @param oracleViolations   scoped statements that PostgreSQL planned on more shards than the route allows
     * @param oracleUnplannable  sampled statements PostgreSQL could not plan (type errors, unsupported forms)
     * @param unplannableExamples the first few of them, with PostgreSQL's message
     * @param validUnknown       unmutated (valid PostgreSQL) statements the guard could not analyze (route UNKNOWN)
     * @param families           unmutated statements per family ({@link HostileSql#GRAMMAR} and {@link HostileSql#FAMILIES})
     * @param familyRefused      of those, how many the guard's defaults refused
     * @param familyLetThrough   of those, how many must-refuse statements the guard's defaults allowed
     * @param mustRefuse         unmutated statements known by construction to need refusing
     * @param letThrough         of those, the ones the guard's defaults allowed
     * @param labelsChecked      labels confirmed by planning the statement their scatter rests on
     * @param labelMismatches    labels PostgreSQL contradicts (a mistake of the generator, not of the guard)
     */
    public record Result(long seed, int statements, int mutated, Map<Route, Integer> routes, Map<String, Integer> refusals,
                         List<String> unexpected, int scriptsSplit, List<String> splitMismatches, int oracleChecked,
                         int oracleUnplannable, List<String> unplannableExamples, List<String> oracleViolations, int validUnknown,
                         List<String> validUnknownExamples, Map<String, Integer> families,
                         Map<String, Integer> familyRefused, Map<String, Integer> familyLetThrough, int mustRefuse, List<String> letThrough, int labelsChecked,
                         List<String> labelMismatches, Duration maxAnalysis,
                         Duration p99Analysis, Duration maxSplit, String slowestStatement, Duration wallClock) {

        /** Whether nothing broke a promise. */
        public boolean clean() {
            return unexpected.isEmpty() && splitMismatches.isEmpty() && oracleViolations.isEmpty() && letThrough.isEmpty()
                    && labelMismatches.isEmpty();
        }
    }

    private GuardFuzz() {
    }

    /**
     * The guard the fuzzer drives: default policy and limits over {@link HostileSql#CATALOG}, except the parse
     * timeout when one is given.
     */
    public static ShardScopeGuard guard(Duration parseTimeout) {
        ShardCatalog catalog = CatalogFile.parse(HostileSql.CATALOG, "fuzz catalog", "public");
        ShardScopeGuard.Builder builder = ShardScopeGuard.builder(catalog);
        return parseTimeout == null ? builder.build() : builder.parseTimeout(parseTimeout).build();
    }

    /** Creates the fuzz schema in a database with the local emulation installed. */
    public static void createSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : HostileSql.SCHEMA) {
                statement.execute(ddl);
            }
        }
    }

    /**
     * Runs the fuzzer.
     *
     * @param oracle a connection to a database with the emulation and {@link #createSchema the schema}, or
     *               {@code null} to skip the oracle
     */
    public static Result run(Settings settings, Connection oracle) {
        int count = settings.statements();
        long seed = settings.seed();
        int oracleEvery = settings.oracleEvery();
        HostileSql generator = new HostileSql(seed, settings.maxListSize(), settings.maxNesting());
        ShardScopeGuard guard = guard(settings.parseTimeout());
        Map<Route, Integer> routes = new EnumMap<>(Route.class);
        Map<String, Integer> refusals = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        List<String> splitMismatches = new ArrayList<>();
        List<String> oracleViolations = new ArrayList<>();
        List<String> validUnknownExamples = new ArrayList<>();
        List<String> letThrough = new ArrayList<>();
        List<String> unplannableExamples = new ArrayList<>();
        List<String> labelMismatches = new ArrayList<>();
        Map<String, Integer> families = new TreeMap<>();
        Map<String, Integer> familyRefused = new TreeMap<>();
        Map<String, Integer> familyLetThrough = new TreeMap<>();
        int mustRefuse = 0;
        int labelsChecked = 0;
        int labelsSeen = 0;
        int validUnknown = 0;
        long[] analysisNanos = new long[count];
        long maxSplit = 0;
        String slowest = "";
        long slowestNanos = -1;
        int mutated = 0;
        int scripts = 0;
        int oracleChecked = 0;
        int unplannable = 0;
        int allowedSeen = 0;
        List<String> pending = new ArrayList<>();
        boolean pendingWellFormed = true;
        int pendingStatements = 0;
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (settings.progress() && i > 0 && i % 10_000 == 0) {
                System.err.printf(java.util.Locale.ROOT, "%,d statements in %d s%n", i,
                        Duration.ofNanos(System.nanoTime() - started).toSeconds());
            }
            int found = HostileSql.FOUND.size();
            HostileSql.Generated generated = i < found ? HostileSql.FOUND.get(i) : generator.next();
            boolean mutate = i >= found && (i - found) % 2 == 1;
            String sql = mutate ? generator.mutate(generated.sql()) : generated.sql();
            mutated += mutate ? 1 : 0;
            StatementAnalysis analysis = null;
            Verdict verdict = null;
            long began = System.nanoTime();
            try {
                analysis = guard.analyze(sql);
                verdict = guard.verdict(sql);
                guard.check(sql);
            } catch (ShardScopeException refusal) {
                refusals.merge(refusal.getClass().getSimpleName(), 1, Integer::sum);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                failure(unexpected, "guard: " + e + " for #" + i + " (seed " + seed + "): " + shorten(sql));
            }
            long took = System.nanoTime() - began;
            analysisNanos[i] = took;
            if (took > slowestNanos) {
                slowestNanos = took;
                slowest = shorten(sql);
            }
            if (analysis != null) {
                routes.merge(analysis.route(), 1, Integer::sum);
                if (!mutate && analysis.route() == Route.UNKNOWN) {
                    validUnknown++;
                    example(validUnknownExamples, analysis.reasons() + ": " + shorten(sql));
                }
            }

            began = System.nanoTime();
            try {
                List<SqlScript.Statement> alone = SqlScript.split(sql);
                long expected = generated.statements();
                if (!mutate && expected > 0 && alone.stream().filter(s -> !s.commentOnly()).count() != expected) {
                    failure(splitMismatches, "#" + i + " split into " + alone.size() + " statements, not " + expected + ": " + shorten(sql));
                }
            } catch (RuntimeException | StackOverflowError e) {
                failure(unexpected, "split: " + e + " for #" + i + " (seed " + seed + "): " + shorten(sql));
            }
            maxSplit = Math.max(maxSplit, System.nanoTime() - began);
            pending.add(sql);
            pendingStatements += generated.statements();
            pendingWellFormed &= !mutate && generated.statements() > 0;
            if (pending.size() == 5) {
                scripts++;
                String script = generator.script(pending);
                try {
                    long statements = SqlScript.split(script).stream().filter(s -> !s.commentOnly()).count();
                    if (pendingWellFormed && statements != pendingStatements) {
                        failure(splitMismatches, "script ending at #" + i + " split into " + statements + " statements, not "
                                + pendingStatements + ": " + shorten(script));
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    failure(unexpected, "split script: " + e + " ending at #" + i + " (seed " + seed + ")");
                }
                pending.clear();
                pendingStatements = 0;
                pendingWellFormed = true;
            }

            if (mutate || analysis == null || verdict == null) {
                continue;
            }
            String family = generated.family();
            boolean grammar = HostileSql.GRAMMAR.equals(family);
            families.merge(family, 1, Integer::sum);
            if (verdict.refused()) {
                familyRefused.merge(family, 1, Integer::sum);
            }
            if (generated.mustRefuse()) {
                mustRefuse++;
                if (!verdict.refused()) {
                    familyLetThrough.merge(family, 1, Integer::sum);
                    failure(letThrough, family + ": " + analysis.route() + " and allowed: " + shorten(sql));
                }
                if (oracle != null && generated.scatterPart() != null && labelsSeen++ % oracleEvery == 0) {
                    try {
                        ShardTouch touch = ShardTouchOracle.touches(oracle, generated.scatterPart());
                        labelsChecked++;
                        if (!touch.touchesEveryShard()) {
                            failure(labelMismatches, family + ": PostgreSQL touches " + touch.shardsByTable() + " for "
                                    + shorten(generated.scatterPart()));
                        }
                    } catch (SQLException e) {
                        failure(labelMismatches, family + ": PostgreSQL cannot plan " + shorten(generated.scatterPart())
                                + ": " + e.getMessage());
                        rollbackQuietly(oracle);
                    }
                }
            }
            // what the guard lets run, and every SINGLE_SHARD verdict, is planned: families every time, the
            // grammar every oracleEvery-th time
            boolean judged = !verdict.refused() || analysis.route() == Route.SINGLE_SHARD;
            if (oracle != null && generated.plannable() && judged && (!grammar || allowedSeen++ % oracleEvery == 0)) {
                try {
                    ShardTouch touch = ShardTouchOracle.touches(oracle, sql);
                    oracleChecked++;
                    boolean wrong = analysis.route() == Route.SINGLE_SHARD ? touch.maxShardsPerTable() > 1
                            : touch.touchesEveryShard();
                    if (wrong) {
                        failure(oracleViolations, family + ": " + analysis.route() + (verdict.refused() ? " (refused)" : " (allowed)")
                                + " but PostgreSQL touches " + touch.shardsByTable() + ": " + shorten(sql));
                    }
                } catch (SQLException e) {
                    unplannable++;
                    example(unplannableExamples, family + ": " + e.getMessage() + ": " + shorten(sql));
                    rollbackQuietly(oracle);
                }
            }
        }
        long[] sorted = analysisNanos.clone();
        Arrays.sort(sorted);
        return new Result(seed, count, mutated, routes, refusals, unexpected, scripts, splitMismatches, oracleChecked,
                unplannable, unplannableExamples, oracleViolations, validUnknown, validUnknownExamples, families, familyRefused, familyLetThrough, mustRefuse,
                letThrough, labelsChecked, labelMismatches, Duration.ofNanos(sorted.length == 0 ? 0 : sorted[sorted.length - 1]),
                Duration.ofNanos(sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(0.99 * sorted.length) - 1)]),
                Duration.ofNanos(maxSplit), slowest, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Every broken promise is kept (the summary prints the first few of each kind). */
    private static void failure(List<String> failures, String text) {
        failures.add(text);
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < EXAMPLES) {
            examples.add(text);
        } else if (examples.size() == EXAMPLES) {
            examples.add("... and more");
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the next statement will say if the connection is broken
        }
    }

    static String shorten(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 297) + "... (" + sql.length() + " chars)";
    }

    /** A Markdown summary of a run. */
    public static String summary(Result result) {
        StringBuilder out = new StringBuilder();
        out.append("| figure | value |\n|---|---:|\n")
                .append("| statements (seed ").append(result.seed()).append(") | ").append(result.statements()).append(" |\n")
                .append("| of which mutated | ").append(result.mutated()).append(" |\n")
                .append("| scripts split (5 statements each) | ").append(result.scriptsSplit()).append(" |\n")
                .append("| unexpected exceptions (guard or splitter) | ").append(result.unexpected().size()).append(" |\n")
                .append("| splitter mismatches on valid scripts | ").append(result.splitMismatches().size()).append(" |\n")
                .append("| allowed or SINGLE_SHARD statements planned by the oracle | ").append(result.oracleChecked()).append(" |\n")
                .append("| ... PostgreSQL could not plan | ").append(result.oracleUnplannable()).append(" |\n")
                .append("| allowed statements touching every shard, SINGLE_SHARD ones touching more than one | ")
                .append(result.oracleViolations().size()).append(" |\n")
                .append("| must-refuse statements (known by construction) | ").append(result.mustRefuse()).append(" |\n")
                .append("| ... allowed by the guard's defaults | ").append(result.letThrough().size()).append(" |\n")
                .append("| ... labels confirmed by the oracle | ").append(result.labelsChecked()).append(" |\n")
                .append("| ... labels PostgreSQL contradicts | ").append(result.labelMismatches().size()).append(" |\n")
                .append("| valid statements the guard could not analyze (UNKNOWN) | ").append(result.validUnknown()).append(" |\n")
                .append("| max time to analyze + check one statement | ").append(millis(result.maxAnalysis())).append(" |\n")
                .append("| p99 time to analyze + check one statement | ").append(millis(result.p99Analysis())).append(" |\n")
                .append("| max time to split one statement | ").append(millis(result.maxSplit())).append(" |\n")
                .append("| wall clock | ").append(result.wallClock().toSeconds()).append(" s |\n");
        out.append("\n| family (unmutated statements) | statements | refused | must-refuse let through |\n|---|---:|---:|---:|\n");
        result.families().forEach((family, statements) -> out.append("| ").append(family).append(" | ").append(statements)
                .append(" | ").append(result.familyRefused().getOrDefault(family, 0))
                .append(" | ").append(result.familyLetThrough().getOrDefault(family, 0)).append(" |\n"));
        out.append("\nRoutes: ").append(result.routes()).append("\n\nRefusals: ").append(result.refusals()).append('\n');
        out.append("\nSlowest statement: `").append(result.slowestStatement().replace("`", "'")).append("`\n");
        lines(out, "UNEXPECTED", result.unexpected());
        lines(out, "SPLIT", result.splitMismatches());
        lines(out, "ORACLE", result.oracleViolations());
        lines(out, "LET THROUGH", result.letThrough());
        lines(out, "LABEL", result.labelMismatches());
        for (String line : result.unplannableExamples()) {
            out.append("\nUNPLANNABLE ").append(line);
        }
        for (String line : result.validUnknownExamples()) {
            out.append("\nVALID BUT UNKNOWN ").append(line);
        }
        return out.append('\n').toString();
    }

    private static void lines(StringBuilder out, String kind, List<String> lines) {
        lines.stream().limit(2L * EXAMPLES).forEach(line -> out.append('\n').append(kind).append(' ').append(line));
        if (lines.size() > 2 * EXAMPLES) {
            out.append('\n').append(kind).append(" ... and ").append(lines.size() - 2 * EXAMPLES).append(" more");
        }
    }

    private static String millis(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", duration.toNanos() / 1e6);
    }

    public static void main(String[] args) throws SQLException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20_261_123L;
        int oracleEvery = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int maxListSize = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        int maxNesting = args.length > 4 ? Integer.parseInt(args[4]) : 3_000;
        Duration parseTimeout = args.length > 5 ? Duration.ofMillis(Long.parseLong(args[5])) : null;
        try (TestDatabase database = PostgresServers.shared().createDatabase("fuzz", SHARDS);
             Connection connection = database.connect()) {
            createSchema(connection);
            Result result = run(new Settings(count, seed, maxListSize, maxNesting, parseTimeout, oracleEvery, true), connection);
            System.out.print(summary(result));
            System.exit(result.clean() ? 0 : 1);
        }
    }
}
