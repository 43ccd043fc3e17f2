package dev.limitless.cli;

import dev.limitless.catalog.CatalogFile;
import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.LiveCatalog;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableName;
import dev.limitless.guard.Route;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.guard.StatementAnalysis;
import dev.limitless.guard.Verdict;
import dev.limitless.local.LocalLimitless;
import dev.limitless.sql.internal.SqlScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code limitless audit}: classifies every statement of a SQL script, or of the database's statement statistics,
 * by shard scope, and fails a CI build on scatter.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Classifies SQL statements by shard scope (SINGLE_SHARD, MULTI_SHARD, SCATTER, REFERENCE, STANDARD, UNKNOWN).",
                "Input: a SQL script (--input FILE or - for stdin), or with --jdbc-url and no --input the statements of",
                "rds_aurora.limitless_stat_statements (calls summed over the routers, single-shard share from sso_calls,",
                "ranked by calls that did not run single-shard) or pg_stat_statements (cost: calls x shards for scatter).",
                "Exit codes: 0 ok, 1 findings under --fail-on, 2 usage or input error."})
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = false, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--catalog", paramLabel = "FILE", description = "Catalog file (YAML) naming sharded and reference tables")
        Path catalog;

        @Option(names = "--jdbc-url", paramLabel = "URL", description = "Read the catalog (and, without --input, the statements) from this database")
        String jdbcUrl;
    }

    @Option(names = "--user", paramLabel = "U", description = "Database user; default: from the URL or PGUSER")
    String user;

    @Option(names = "--password", paramLabel = "P", description = "Password; default: from the URL or PGPASSWORD")
    String password;

    @Option(names = "--input", paramLabel = "FILE", description = "SQL script to audit; - reads standard input")
    String input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or jsonl (one JSON object per statement); default ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "scatter",
            description = "Exit 1 when a statement is: scatter (SCATTER or refused), multi (also MULTI_SHARD), never; default ${DEFAULT-VALUE}")
    FailOn failOn;

    @Option(names = "--search-path", paramLabel = "SCHEMAS", split = ",", description = "Schemas for unqualified names, in order; default: public")
    List<String> searchPath = new ArrayList<>();

    @Option(names = "--default-schema", paramLabel = "SCHEMA", defaultValue = "public", description = "Schema of unqualified catalog entries; default ${DEFAULT-VALUE}")
    String defaultSchema;

    @Option(names = "--shards", paramLabel = "N", description = "Shard count for the cost estimate of live statements; default: the emulation's")
    Integer shards;

    enum Format { table, jsonl }

    enum FailOn { scatter, multi, never }

    /**
     * A statement to judge, with its source position and, for live statements, its call count and (from
     * {@code rds_aurora.limitless_stat_statements}) how many of those calls Aurora ran single-shard optimized.
     */
    private record Item(String sql, String problem, int line, Long calls, Long ssoCalls) {

        Item(String sql, String problem, int line, Long calls) {
            this(sql, problem, line, calls, null);
        }

        /** Calls Aurora did not run single-shard optimized: the work to look at first. */
        long notSingleShard() {
            return calls == null || ssoCalls == null ? 0 : Math.max(0, calls - ssoCalls);
        }

        /** {@code sso_calls / calls}, or null when unknown. */
        Double singleShardFraction() {
            return calls == null || ssoCalls == null || calls == 0 ? null : (double) ssoCalls / calls;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (source.jdbcUrl == null && input == null) {
            err.println("limitless audit: --input is required with --catalog (only --jdbc-url can read statements from the database)");
            return LimitlessCommand.EXIT_USAGE;
        }
        try {
            List<ShardCatalog> catalogs = new ArrayList<>();
            if (source.catalog != null) {
                catalogs.add(CatalogFile.load(source.catalog, defaultSchema));
            }
            List<Item> items;
            int shardCount = shards == null ? 0 : shards;
            if (source.jdbcUrl != null) {
                try (Connection connection = connect()) {
                    catalogs.add(LiveCatalog.load(connection, defaultSchema));
                    if (shards == null) {
                        shardCount = LocalLimitless.shardCount(connection);
                    }
                    items = input == null ? liveStatements(connection) : script(readInput());
                }
            } else {
                items = script(readInput());
            }
            ShardCatalog catalog = ShardCatalog.merge(catalogs);
            ShardScopeGuard guard = ShardScopeGuard.builder(catalog)
                    .searchPath(searchPath.stream().map(AuditCommand::identifier).toList()).build();
            return report(guard, items, shardCount, out);
        } catch (InputException | CatalogException e) {
            err.println("limitless audit: " + e.getMessage());
            return LimitlessCommand.EXIT_USAGE;
        } catch (SQLException e) {
            err.println("limitless audit: " + source.jdbcUrl + ": " + e.getMessage());
            return LimitlessCommand.EXIT_USAGE;
        }
    }

    private static String identifier(String text) {
        return TableName.identifier(text);
    }

    private int report(ShardScopeGuard guard, List<Item> items, int shardCount, PrintWriter out) {
        Map<Route, Integer> counts = new EnumMap<>(Route.class);
        int refused = 0;
        boolean findings = false;
        if (format == Format.table) {
            out.printf("%-5s %-12s %-8s %-32s %s%n", "LINE", "ROUTE", "REFUSED", "TABLES", "STATEMENT / REASON");
        }
        for (Item item : items) {
            // text that ends inside a string or comment is judged anyway (usually UNKNOWN), never skipped
            Verdict verdict = guard.verdict(item.sql());
            StatementAnalysis analysis = verdict.analysis();
            List<String> reasons = new ArrayList<>(analysis.reasons());
            if (item.problem() != null && !reasons.contains(item.problem())) {
                reasons.add(0, item.problem());
            }
            if (item.notSingleShard() > 0 && verdict.route() == Route.SINGLE_SHARD) {
                reasons.add("Aurora ran " + item.notSingleShard() + " of " + item.calls() + " calls without single-shard"
                        + " optimization although the statement names one shard: look for what loses it (generic plans,"
                        + " security-barrier views, PL/pgSQL variables, functions that are not distributed or immutable;"
                        + " see docs/cli.md)");
            }
            counts.merge(verdict.route(), 1, Integer::sum);
            refused += verdict.refused() ? 1 : 0;
            findings |= switch (failOn) {
                case scatter -> verdict.refused() || verdict.route() == Route.SCATTER;
                case multi -> verdict.refused() || verdict.route() == Route.SCATTER || verdict.route() == Route.MULTI_SHARD;
                case never -> false;
            };
            if (format == Format.jsonl) {
                out.println(json(item, verdict, reasons, shardCount));
            } else {
                String tables = String.join(",", analysis.tables().stream().map(TableName::toString).toList());
                out.printf("%-5s %-12s %-8s %-32s %s%n", item.line() > 0 ? item.line() : "-", verdict.route(),
                        verdict.refused() ? "yes" : "no", tables.isEmpty() ? "-" : tables, shorten(item.sql()));
                String cost = item.calls() == null ? "" : "calls " + item.calls()
                        + (item.ssoCalls() == null ? "" : ", single-shard " + item.ssoCalls() + " ("
                                + percent(item.singleShardFraction()) + "), not single-shard " + item.notSingleShard())
                        + (verdict.route() == Route.SCATTER && shardCount > 0
                        ? ", scatter cost ~" + item.calls() * shardCount + " shard executions" : "") + "; ";
                out.printf("%-60s %s%s%n", "", cost, String.join("; ", reasons));
            }
        }
        if (format == Format.table) {
            out.printf("%d statements: %s; %d refused under the default policy%n", items.size(), counts, refused);
        }
        out.flush();
        return findings ? LimitlessCommand.EXIT_FINDINGS : 0;
    }

    private static String percent(Double fraction) {
        return fraction == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private static String shorten(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 97) + "...";
    }

    private static String json(Item item, Verdict verdict, List<String> reasons, int shardCount) {
        StringBuilder json = new StringBuilder(128);
        json.append("{\"sql\": ").append(quote(item.sql()))
                .append(", \"route\": \"").append(verdict.route().name()).append('"')
                .append(", \"refused\": ").append(verdict.refused())
                .append(", \"tables\": [");
        List<TableName> tables = verdict.tables();
        for (int i = 0; i < tables.size(); i++) {
            json.append(i == 0 ? "" : ", ").append(quote(tables.get(i).toString()));
        }
        json.append("], \"reasons\": [");
        for (int i = 0; i < reasons.size(); i++) {
            json.append(i == 0 ? "" : ", ").append(quote(reasons.get(i)));
        }
        json.append(']');
        if (item.calls() != null) {
            json.append(", \"calls\": ").append(item.calls());
            if (item.ssoCalls() != null) {
                json.append(", \"ssoCalls\": ").append(item.ssoCalls())
                        .append(", \"notSingleShardCalls\": ").append(item.notSingleShard());
                if (item.singleShardFraction() != null) {
                    json.append(", \"singleShardFraction\": ").append(String.format(java.util.Locale.ROOT, "%.4f",
                            item.singleShardFraction()));
                }
            }
            if (verdict.route() == Route.SCATTER && shardCount > 0) {
                json.append(", \"scatterCost\": ").append(item.calls() * shardCount);
            }
        }
        return json.append('}').toString();
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(text, i)) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private List<Item> script(String text) {
        List<Item> items = new ArrayList<>();
        for (SqlScript.Statement statement : SqlScript.split(text)) {
            if (!statement.commentOnly()) {
                items.add(new Item(statement.sql(), statement.problem(), statement.line(), null));
            }
        }
        return items;
    }

    private String readInput() {
        try {
            if ("-".equals(input)) {
                InputStream in = System.in;
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(input), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(input + ": no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(input + ": cannot read: " + e.getMessage());
        }
    }

    private Connection connect() throws SQLException {
        if (!source.jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new InputException("--jdbc-url must start with jdbc:postgresql:, got " + source.jdbcUrl);
        }
        Properties properties = new Properties();
        String effectiveUser = user != null ? user : System.getenv("PGUSER");
        String effectivePassword = password != null ? password : System.getenv("PGPASSWORD");
        if (effectiveUser != null) {
            properties.setProperty("user", effectiveUser);
        }
        if (effectivePassword != null) {
            properties.setProperty("password", effectivePassword);
        }
        return DriverManager.getConnection(source.jdbcUrl, properties);
    }

    /**
     * Statements the database has seen. From {@code rds_aurora.limitless_stat_statements} (one row per statement and
     * subcluster): a client's execution passes through exactly one router, so a statement's calls are the routers'
     * calls summed, and its single-shard-optimized calls the routers' {@code sso_calls}; the shards' rows count the
     * fragments they ran, not executions, and are left out (a statement no router row names takes its busiest
     * shard's count, a lower bound). Ranked by the calls that did not run single-shard, then by calls. From
     * {@code pg_stat_statements} (also when Limitless' view is empty, as the local emulation's is until something is
     * recorded in it): calls, busiest first.
     */
    private static List<Item> liveStatements(Connection connection) throws SQLException {
        if (exists(connection, "rds_aurora.limitless_stat_statements")) {
            List<Item> items = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("""
                         SELECT query, calls, sso_calls FROM (
                             SELECT query,
                                    coalesce(sum(calls) FILTER (WHERE subcluster_type = 'router'), max(calls))::bigint AS calls,
                                    coalesce(sum(sso_calls) FILTER (WHERE subcluster_type = 'router'), 0)::bigint AS sso_calls
                               FROM rds_aurora.limitless_stat_statements
                              GROUP BY query) s
                          ORDER BY greatest(calls - sso_calls, 0) DESC, calls DESC, query""")) {
                while (rs.next()) {
                    items.add(new Item(rs.getString(1), null, 0, rs.getLong(2), rs.getLong(3)));
                }
            }
            // the local emulation has the view but records nothing by itself: then pg_stat_statements, if any, speaks
            if (!items.isEmpty() || !exists(connection, "pg_stat_statements")) {
                return items;
            }
        }
        if (exists(connection, "pg_stat_statements")) {
            List<Item> items = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT query, sum(calls)::bigint FROM pg_stat_statements"
                         + " GROUP BY query ORDER BY 2 DESC, 1")) {
                while (rs.next()) {
                    items.add(new Item(rs.getString(1), null, 0, rs.getLong(2)));
                }
            }
            return items;
        }
        throw new InputException("the database has neither rds_aurora.limitless_stat_statements nor pg_stat_statements"
                + " (CREATE EXTENSION pg_stat_statements, or audit a script with --input)");
    }

    private static boolean exists(Connection connection, String view) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT to_regclass('" + view + "') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Bad input: reported as exit code 2 with the message. */
    private static final class InputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputException(String message) {
            super(message);
        }
    }
}
