package dev.limitless.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.LiveCatalog;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import dev.limitless.test.oracle.ShardTouch;
import dev.limitless.test.oracle.ShardTouchOracle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Judges the guard against the adversarial corpus ({@code guard/adversarial.sql}, format in its header): the SQL
 * shapes through which a guard fails open or over-refuses, each labelled by PostgreSQL's own partition pruning on the
 * local emulation ({@link ShardTouchOracle}) or, where the planner cannot say, by hand. Every statement goes through
 * {@link ShardScopeGuard#verdict} and through a {@link GuardedDataSource} over the test database; a refused statement
 * must not reach the database (nothing read or written in its transaction).
 */
@LimitlessPostgres(shards = 16)
class GuardAdversarialCorpusTest {

    private static final Pattern ESCAPE = Pattern.compile("\\{\\{(CR|LF|TAB|FF|VT|U\\+([0-9A-Fa-f]{4,6}))}}");
    private static final Set<String> LABELS = Set.of("oracle", "must-refuse", "single", "allow", "any");
    private static final Set<String> FAMILIES = Set.of("f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10");

    /** Row counts and a content hash of every fixture table, read with the opt-in hint so no guard refuses it. */
    private static final String FINGERPRINT = """
            SELECT /* limitless:allow-scatter */
              (SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) FROM accounts t) || '/' ||
              (SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) FROM transactions t) || '/' ||
              (SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) FROM orders t) || '/' ||
              (SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) FROM items t) || '/' ||
              (SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) FROM currencies t) || '/' ||
              (SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) FROM audit_log t) || '/' ||
              (SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) FROM ledger."Entries" t)""";

    /** What this transaction read or wrote in user tables: zero when nothing reached them. */
    private static final String TOUCHED_IN_TRANSACTION = """
            SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0) + n_tup_ins + n_tup_upd + n_tup_del), 0)
            FROM pg_stat_xact_user_tables""";

    /** Objects some corpus lines name besides the fixture tables. */
    private static final String OBJECTS = """
            CREATE SEQUENCE order_seq;
            CREATE VIEW adv_orders_view AS SELECT * FROM orders;
            CREATE MATERIALIZED VIEW adv_orders_mv AS SELECT * FROM orders;
            CREATE FUNCTION adv_all_orders() RETURNS SETOF orders LANGUAGE sql STABLE AS 'SELECT * FROM orders';
            CREATE FUNCTION adv_orders_of(bigint) RETURNS SETOF orders LANGUAGE sql STABLE
              AS 'SELECT * FROM orders WHERE customer_id = $1';
            CREATE FUNCTION adv_count_orders_plain() RETURNS bigint LANGUAGE plpgsql
              AS 'BEGIN RETURN (SELECT count(*) FROM orders); END';
            CREATE PROCEDURE adv_purge_orders() LANGUAGE sql AS 'DELETE FROM orders';
            CREATE PROCEDURE adv_touch_audit() LANGUAGE sql AS 'UPDATE audit_log SET msg = msg';
            """;

    private static final String SEED = """
            TRUNCATE accounts, transactions, orders, items, currencies, audit_log, ledger."Entries";
            INSERT INTO accounts (account_id, owner, balance) SELECT g, 'owner' || g, g FROM generate_series(1, 48) g;
            INSERT INTO transactions (account_id, tx_id, amount, note, currency)
              SELECT g % 48 + 1, g, g, 'n' || g, 'EUR' FROM generate_series(1, 96) g;
            INSERT INTO orders (customer_id, order_id, account_id, total) SELECT g % 48 + 1, g, g % 48 + 1, g FROM generate_series(1, 96) g;
            INSERT INTO items (item_id, item_cat, name) SELECT g, CASE WHEN g % 2 = 0 THEN 'a' ELSE 'b' END, 'i' || g FROM generate_series(1, 48) g;
            INSERT INTO currencies VALUES ('EUR', 'Euro'), ('USD', 'Dollar');
            INSERT INTO audit_log (account_id, msg) SELECT g, 'm' || g FROM generate_series(1, 10) g;
            INSERT INTO ledger."Entries" ("AccountId", entry_id, amount) SELECT g, g, g FROM generate_series(1, 48) g;
            """;

    @LimitlessPostgres.Inject
    static TestDatabase database;

    static ShardCatalog catalog;

    /** The fingerprint of the seeded data (set in {@link #createSchema}). */
    static String seededFingerprint;

    @BeforeAll
    static void createSchema() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            GuardFixture.create(connection);
            statement.execute(OBJECTS);
            statement.execute(SEED);
            catalog = LiveCatalog.load(connection, "public");
            seededFingerprint = fingerprint(connection);
            forceStatisticsFlush(connection);
        }
    }

    /** One corpus line: its family, its label, the statement (escapes resolved) and its bind values. */
    record Case(int line, String family, String label, String sql, List<Object> parameters) {
    }

    /** How the oracle and the guard saw one case. */
    record Judged(Case c, String expected, String oracle, Verdict verdict, String dataSource) {

        String describe() {
            return c.family() + " line " + c.line() + " [" + expected + ", oracle " + oracle + "] guard " + verdict.route()
                    + (verdict.refused() ? " refused" : " allowed") + ", data source: " + dataSource + " : "
                    + printable(c.sql()) + " " + verdict.reasons();
        }
    }

    static List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = GuardAdversarialCorpusTest.class.getResourceAsStream("/guard/adversarial.sql")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\\|", 3);
                if (fields.length != 3) {
                    throw new IllegalStateException("adversarial.sql line " + (i + 1) + ": expected family|label|sql");
                }
                String[] label = fields[1].split(":", 2);
                if (!FAMILIES.contains(fields[0]) || !LABELS.contains(label[0])) {
                    throw new IllegalStateException("adversarial.sql line " + (i + 1) + ": unknown family or label");
                }
                List<Object> parameters = new ArrayList<>();
                if (label.length == 2) {
                    for (String value : label[1].split(",")) {
                        parameters.add(value.startsWith("'") ? value.substring(1, value.length() - 1)
                                : value.contains(".") ? new BigDecimal(value) : (Object) Long.valueOf(value));
                    }
                }
                cases.add(new Case(i + 1, fields[0], label[0], unescape(fields[2]), parameters));
            }
        }
        return cases;
    }

    static String unescape(String text) {
        Matcher matcher = ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = switch (matcher.group(1)) {
                case "CR" -> "\r";
                case "LF" -> "\n";
                case "TAB" -> "\t";
                case "FF" -> "\f";
                case "VT" -> "\u000b";
                default -> new String(Character.toChars(Integer.parseInt(matcher.group(2), 16)));
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String printable(String sql) {
        return sql.replace("\r", "{{CR}}").replace("\n", "{{LF}}").replace("\t", "{{TAB}}");
    }

    @Test
    void corpusCoversEveryFamilyAndEveryLabelAgreesWithPostgres() throws Exception {
        List<Case> cases = corpus();
        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> perFamily = new TreeMap<>();
        try (Connection reader = database.connect()) {
            Map<Long, Partition> partitions = partitions(reader);
            for (Case c : cases) {
                perFamily.merge(c.family(), 1, Integer::sum);
                if (c.label().equals("must-refuse") || c.label().equals("single")) {
                    Observed observed = runAndObserve(reader, partitions, c);
                    boolean agrees = observed.error() == null && (c.label().equals("single")
                            ? observed.shards() <= 1 : observed.touchesEveryShard(database.shards()));
                    if (!agrees) {
                        disagreements.add("line " + c.line() + " labelled " + c.label() + ": ran on PostgreSQL and touched "
                                + observed.byTable() + (observed.error() == null ? "" : ", failed: " + observed.error()));
                    }
                }
            }
            forceStatisticsFlush(reader);
        }
        try (Connection connection = database.connect()) {
            for (Case c : cases) {
                if (c.label().equals("oracle")) {
                    try {
                        ShardTouchOracle.touches(connection, c.sql(), c.parameters().toArray());
                    } catch (SQLException e) {
                        disagreements.add("line " + c.line() + " labelled oracle: PostgreSQL cannot plan it: "
                                + e.getMessage().lines().findFirst().orElse(""));
                    }
                }
            }
            forceStatisticsFlush(connection);
        }
        disagreements.forEach(d -> System.out.println("LABEL " + d));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(400);
        assertThat(perFamily.keySet()).containsExactlyInAnyOrderElementsOf(FAMILIES);
        assertThat(disagreements).as("labels PostgreSQL does not confirm").isEmpty();
    }

    /** A partition of a sharded table: its table ({@code schema.table}) and its shard number. */
    record Partition(String table, int shard) {
    }

    /** What one statement did on PostgreSQL: the shards it read, wrote or locked, per sharded table. */
    record Observed(Map<String, Set<Integer>> byTable, String error) {

        int shards() {
            Set<Integer> all = new TreeSet<>();
            byTable.values().forEach(all::addAll);
            return all.size();
        }

        boolean touchesEveryShard(int shardCount) {
            return byTable.values().stream().anyMatch(s -> s.size() == shardCount);
        }
    }

    /**
     * Runs a hand-labelled statement on a plain connection, in a transaction that is rolled back (texts that commit
     * are undone by reseeding), and observes which partitions it scanned, wrote (cumulative statistics, flushed on
     * demand) or locked (pg_locks of its own backend before the rollback).
     */
    private static Observed runAndObserve(Connection reader, Map<Long, Partition> partitions, Case c) throws SQLException {
        Map<Long, Long> before = activity(reader);
        Set<Long> locked = new TreeSet<>();
        String error = null;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                if (c.sql().startsWith("COPY ") && c.sql().contains("TO STDOUT")) {
                    connection.unwrap(PGConnection.class).getCopyAPI().copyOut(c.sql(), OutputStream.nullOutputStream());
                } else {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(c.sql());
                    }
                }
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                        "SELECT relation FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation'")) {
                    while (rs.next()) {
                        locked.add(rs.getLong(1));
                    }
                }
            } catch (SQLException | IOException e) {
                error = e.getMessage().lines().findFirst().orElse("");
            }
            connection.rollback();
            connection.setAutoCommit(true);
            forceStatisticsFlush(connection);
        }
        Map<Long, Long> after = activity(reader);
        Map<String, Set<Integer>> byTable = new TreeMap<>();
        partitions.forEach((oid, partition) -> {
            if (locked.contains(oid) || !after.getOrDefault(oid, 0L).equals(before.getOrDefault(oid, 0L))) {
                byTable.computeIfAbsent(partition.table(), t -> new TreeSet<>()).add(partition.shard());
            }
        });
        reseedIfChanged(reader);
        return new Observed(byTable, error);
    }

    private static Map<Long, Partition> partitions(Connection connection) throws SQLException {
        Map<Long, Partition> partitions = new TreeMap<>();
        String query = """
                SELECT p.oid, tn.nspname || '.' || t.relname, pg_get_expr(p.relpartbound, p.oid)
                FROM rds_aurora.limitless_local_tables l
                JOIN pg_class t ON t.oid = l.relid
                JOIN pg_namespace tn ON tn.oid = t.relnamespace
                JOIN pg_inherits i ON i.inhparent = l.relid
                JOIN pg_class p ON p.oid = i.inhrelid
                WHERE l.table_type = 'sharded'""";
        Pattern remainder = Pattern.compile("remainder (\\d+)");
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                Matcher m = remainder.matcher(rs.getString(3));
                if (m.find()) {
                    partitions.put(rs.getLong(1), new Partition(rs.getString(2), Integer.parseInt(m.group(1))));
                }
            }
        }
        return partitions;
    }

    private static Map<Long, Long> activity(Connection reader) throws SQLException {
        Map<Long, Long> activity = new TreeMap<>();
        try (Statement statement = reader.createStatement(); ResultSet rs = statement.executeQuery("""
                SELECT relid, seq_scan + coalesce(idx_scan, 0) + n_tup_ins + n_tup_upd + n_tup_del + n_tup_hot_upd
                FROM pg_stat_user_tables""")) {
            while (rs.next()) {
                activity.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return activity;
    }

    /** Restores the seed rows when a text committed changes; leaves no unflushed statistics behind. */
    private static void reseedIfChanged(Connection reader) throws SQLException {
        String now = fingerprint(reader);
        if (seededFingerprint == null) {
            seededFingerprint = now;
        } else if (!now.equals(seededFingerprint)) {
            try (Statement statement = reader.createStatement()) {
                statement.execute(SEED);
            }
            seededFingerprint = fingerprint(reader);
        }
        forceStatisticsFlush(reader);
    }

    /** Makes the backend of an auto-commit connection publish its pending statistics before it answers. */
    private static void forceStatisticsFlush(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_force_next_flush()");
        }
    }

    @Test
    void noMustRefuseStatementPassesAndFewSingleShardStatementsAreRefused() throws Exception {
        ShardScopeGuard guard = ShardScopeGuard.of(catalog);
        PGSimpleDataSource raw = new PGSimpleDataSource();
        raw.setURL(database.jdbcUrl());
        raw.setUser(database.username());
        raw.setPassword(database.password());
        GuardedDataSource guarded = new GuardedDataSource(raw, guard);

        List<Judged> judged = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        List<String> singleButMany = new ArrayList<>();
        List<String> overRefused = new ArrayList<>();
        List<String> refusedButReached = new ArrayList<>();
        Map<String, int[]> byFamily = new TreeMap<>(); // must-refuse, missed, must-allow, over-refused
        int mustAllow = 0;
        try (Connection oracleConnection = database.connect(); Connection rawConnection = database.connect()) {
            String baseline = fingerprint(rawConnection);
            for (Case c : corpus()) {
                ShardTouch touch = null;
                String oracle;
                try {
                    touch = ShardTouchOracle.touches(oracleConnection, c.sql(), c.parameters().toArray());
                    oracle = touch.shards() + " shard(s) " + touch.shardsByTable();
                } catch (SQLException e) {
                    oracle = "cannot plan";
                }
                String expected = switch (c.label()) {
                    case "oracle" -> touch == null ? "unplannable"
                            : touch.touchesEveryShard() ? "must-refuse" : touch.singleShard() ? "single" : "multi";
                    default -> c.label();
                };
                Verdict verdict = guard.verdict(c.sql());

                String dataSource;
                boolean dataSourceRefused;
                try (Connection connection = guarded.getConnection()) {
                    connection.setAutoCommit(false);
                    try {
                        execute(connection, c);
                        dataSource = "ran";
                        dataSourceRefused = false;
                    } catch (ShardScopeException refused) {
                        dataSource = "refused";
                        dataSourceRefused = true;
                    } catch (SQLException failed) {
                        dataSource = "ran, failed: " + failed.getMessage().lines().findFirst().orElse("");
                        dataSourceRefused = false;
                    }
                    if (dataSourceRefused) {
                        long touched = touchedInTransaction(connection);
                        String inTransaction = fingerprint(connection);
                        if (touched != 0 || !inTransaction.equals(baseline)) {
                            refusedButReached.add(c.family() + " line " + c.line() + ": " + printable(c.sql()));
                        }
                    }
                    connection.rollback();
                    connection.setAutoCommit(true);
                    forceStatisticsFlush(connection);
                }
                String after = fingerprint(rawConnection);
                if (!after.equals(baseline)) {
                    dataSource += ", committed changes";
                    try (Statement statement = rawConnection.createStatement()) {
                        statement.execute(SEED);
                    }
                    baseline = fingerprint(rawConnection);
                }

                Judged j = new Judged(c, expected, oracle, verdict, dataSource);
                judged.add(j);
                int[] counts = byFamily.computeIfAbsent(c.family(), f -> new int[4]);
                // the text alone cannot say how a parameter is bound: for statements with bind values, the guarded
                // data source (which sees the binding) is the judge
                boolean bound = !c.parameters().isEmpty();
                boolean refusedByGuard = verdict.refused() || bound && dataSourceRefused;
                if (expected.equals("must-refuse")) {
                    counts[0]++;
                    if (!refusedByGuard || !dataSourceRefused) {
                        counts[1]++;
                        missed.add(j.describe());
                    }
                }
                if (expected.equals("single") || expected.equals("allow")) {
                    counts[2]++;
                    mustAllow++;
                    if (verdict.refused() || dataSourceRefused) {
                        counts[3]++;
                        overRefused.add(j.describe());
                    }
                }
                if (verdict.route() == Route.SINGLE_SHARD && touch != null && touch.shards() > 1 && !(bound && dataSourceRefused)) {
                    singleButMany.add(j.describe());
                }
            }
            forceStatisticsFlush(oracleConnection);
            forceStatisticsFlush(rawConnection);
        }
        System.out.println("adversarial corpus: " + judged.size() + " statements; by family "
                + "(must-refuse, let through, must-allow, over-refused):");
        byFamily.forEach((family, n) -> System.out.println("  " + family + ": " + n[0] + ", " + n[1] + ", " + n[2] + ", " + n[3]));
        missed.forEach(l -> System.out.println("MISS " + l));
        overRefused.forEach(l -> System.out.println("OVER " + l));
        singleButMany.forEach(l -> System.out.println("SINGLE>1 " + l));
        refusedButReached.forEach(l -> System.out.println("REFUSED-BUT-REACHED " + l));

        assertThat(missed).as("must-refuse statements let through").isEmpty();
        assertThat(singleButMany).as("SINGLE_SHARD verdicts that touch more than one shard").isEmpty();
        assertThat(refusedButReached).as("refused statements that reached the database").isEmpty();
        assertThat(overRefused.size()).as("over-refused of %d that must be allowed", mustAllow)
                .isLessThanOrEqualTo(mustAllow / 10);
    }

    private static void execute(Connection connection, Case c) throws SQLException {
        if (c.parameters().isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(c.sql());
            }
        } else {
            try (PreparedStatement statement = connection.prepareStatement(c.sql())) {
                for (int i = 0; i < c.parameters().size(); i++) {
                    statement.setObject(i + 1, c.parameters().get(i));
                }
                statement.execute();
            }
        }
    }

    private static long touchedInTransaction(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(TOUCHED_IN_TRANSACTION)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String fingerprint(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(FINGERPRINT)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
