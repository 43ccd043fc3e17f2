package dev.limitless.test.oracle;

import dev.limitless.local.LocalLimitless;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Asks PostgreSQL how many emulated shards a statement touches: the oracle that tests of the guard and the
 * repositories are judged against.
 *
 * <p>Reads come from {@code EXPLAIN (FORMAT XML, VERBOSE)} with the statement's bind values, planned as a custom
 * plan so that partition pruning sees the values (what a Limitless router sees). Inserts are routed at run time, so
 * an INSERT is also executed inside a savepoint that is always rolled back, and the partitions that received rows
 * are read from {@code pg_stat_xact_user_tables}. With an active shard key set on the connection, reads of compatible
 * tables count only the key's shard, where Aurora's router sends them. Nothing the oracle does is left behind, except that sequences
 * advanced by an executed INSERT stay advanced.
 */
public final class ShardTouchOracle {

    private static final Pattern REMAINDER = Pattern.compile("remainder (\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_NOISE = Pattern.compile("^(\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)+", Pattern.DOTALL);

    private ShardTouchOracle() {
    }

    /**
     * The shards {@code sql} touches on the database of {@code connection}.
     *
     * @param sql one statement, with JDBC {@code ?} placeholders
     * @param parameters one value per placeholder, as for {@link PreparedStatement#setObject(int, Object)}
     * @throws SQLException when PostgreSQL cannot plan (or, for an INSERT, execute) the statement, or the emulation
     *     is not installed
     */
    public static ShardTouch touches(Connection connection, String sql, Object... parameters) throws SQLException {
        String statementText = stripTrailingSemicolon(sql);
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            int shardCount = LocalLimitless.shardCount(connection);
            if (shardCount == 0) {
                throw new SQLException("The local Limitless emulation is not installed in this database;"
                        + " install it with LocalLimitless.install(...) first");
            }
            Map<String, Shard> partitions = partitions(connection);
            Map<String, Set<Integer>> touched = new TreeMap<>();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)");
            }
            String plan;
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT XML, VERBOSE) " + statementText)) {
                bind(explain, parameters);
                try (ResultSet rs = explain.executeQuery()) {
                    rs.next();
                    plan = rs.getString(1);
                }
            }
            collectRelations(parse(plan), partitions, touched);
            restrictToActiveKey(connection, touched);
            if (isInsert(statementText)) {
                collectInsertTargets(connection, statementText, parameters, partitions, touched);
            }
            return new ShardTouch(shardCount, touched);
        } finally {
            connection.rollback(savepoint);
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private record Shard(String table, int number) {
    }

    /**
     * With {@code rds_aurora.limitless_active_shard_key} set, Aurora's router appends the key to every compatible
     * sharded table, so a read reaches only the key's shard; the emulation filters rows (row-level security) but the
     * plan still lists every partition, so the oracle keeps only the key's shard, as the router would.
     */
    private static void restrictToActiveKey(Connection connection, Map<String, Set<Integer>> touched) throws SQLException {
        if (touched.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT coalesce(current_setting('rds_aurora.limitless_active_shard_key', true), '')")) {
            if (!rs.next() || rs.getString(1).isBlank()) {
                return;
            }
        }
        try (PreparedStatement shard = connection.prepareStatement(
                "SELECT rds_aurora.limitless_local_active_key_shard(to_regclass(quote_ident(?) || '.' || quote_ident(?)))")) {
            for (Map.Entry<String, Set<Integer>> table : touched.entrySet()) {
                int dot = table.getKey().indexOf('.');
                shard.setString(1, table.getKey().substring(0, dot));
                shard.setString(2, table.getKey().substring(dot + 1));
                try (ResultSet rs = shard.executeQuery()) {
                    if (rs.next()) {
                        int number = rs.getInt(1);
                        if (!rs.wasNull()) {
                            table.getValue().retainAll(Set.of(number));
                        }
                    }
                }
            }
        }
    }

    private static Map<String, Shard> partitions(Connection connection) throws SQLException {
        Map<String, Shard> partitions = new HashMap<>();
        String query = """
                SELECT pn.nspname || '.' || p.relname, tn.nspname || '.' || t.relname, pg_get_expr(p.relpartbound, p.oid)
                FROM rds_aurora.limitless_local_tables l
                JOIN pg_class t ON t.oid = l.relid
                JOIN pg_namespace tn ON tn.oid = t.relnamespace
                JOIN pg_inherits i ON i.inhparent = l.relid
                JOIN pg_class p ON p.oid = i.inhrelid
                JOIN pg_namespace pn ON pn.oid = p.relnamespace
                WHERE l.table_type = 'sharded'""";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                Matcher remainder = REMAINDER.matcher(rs.getString(3));
                if (remainder.find()) {
                    partitions.put(rs.getString(1), new Shard(rs.getString(2), Integer.parseInt(remainder.group(1))));
                }
            }
        }
        return partitions;
    }

    private static void collectRelations(Document plan, Map<String, Shard> partitions, Map<String, Set<Integer>> touched) {
        NodeList names = plan.getElementsByTagName("Relation-Name");
        for (int i = 0; i < names.getLength(); i++) {
            Element name = (Element) names.item(i);
            String schema = sibling(name, "Schema");
            Shard shard = partitions.get(schema + "." + name.getTextContent());
            if (shard != null) {
                touched.computeIfAbsent(shard.table(), key -> new TreeSet<>()).add(shard.number());
            }
        }
    }

    private static String sibling(Element element, String tag) {
        for (Node node = element.getParentNode().getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element sibling && sibling.getTagName().equals(tag)) {
                return sibling.getTextContent();
            }
        }
        return "";
    }

    private static void collectInsertTargets(Connection connection, String sql, Object[] parameters,
            Map<String, Shard> partitions, Map<String, Set<Integer>> touched) throws SQLException {
        Map<String, Long> before = insertedRows(connection);
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bind(insert, parameters);
            insert.execute();
        }
        Map<String, Long> after = insertedRows(connection);
        after.forEach((partition, rows) -> {
            Shard shard = partitions.get(partition);
            if (shard != null && rows > before.getOrDefault(partition, 0L)) {
                touched.computeIfAbsent(shard.table(), key -> new TreeSet<>()).add(shard.number());
            }
        });
    }

    private static Map<String, Long> insertedRows(Connection connection) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT schemaname || '.' || relname, n_tup_ins FROM pg_stat_xact_user_tables")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
        }
        return rows;
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private static boolean isInsert(String sql) {
        String head = LEADING_NOISE.matcher(sql).replaceFirst("").toLowerCase(Locale.ROOT);
        return head.startsWith("insert") || (head.startsWith("with") && head.contains("insert"));
    }

    private static String stripTrailingSemicolon(String sql) {
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }

    private static Document parse(String xml) throws SQLException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new SQLException("Could not read the EXPLAIN output: " + e.getMessage(), e);
        }
    }
}
