package dev.limitless.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Reads the catalog of a live database from {@code rds_aurora.limitless_tables} and
 * {@code rds_aurora.limitless_table_collocations}: Aurora Limitless answers them, and so does the local emulation.
 */
public final class LiveCatalog {

    private static final Pattern HASH = Pattern.compile("^\\s*HASH\\s*\\((.*)\\)\\s*$", Pattern.CASE_INSENSITIVE);

    private LiveCatalog() {
    }

    /**
     * Whether the database of the connection is Aurora Limitless or has the local emulation: both answer
     * {@code rds_aurora.limitless_tables}. A query error counts as no.
     */
    public static boolean isPresent(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT to_regclass('rds_aurora.limitless_tables') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** {@link #isPresent(Connection)} on a connection of the data source; false when none can be had. */
    public static boolean isPresent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return isPresent(connection);
        } catch (SQLException e) {
            return false;
        }
    }

    public static ShardCatalog load(DataSource dataSource, String defaultSchema) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return load(connection, defaultSchema);
        }
    }

    /**
     * Reads every sharded and reference table (standard tables are the default and are left out).
     *
     * @throws SQLException when the database has neither Limitless nor the local emulation
     */
    public static ShardCatalog load(Connection connection, String defaultSchema) throws SQLException {
        String source = "live database (rds_aurora.limitless_tables)";
        Map<TableName, Long> collocationIds = new HashMap<>();
        Map<Long, List<TableName>> groups = new HashMap<>();
        Map<TableName, Long> tableIds = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT schema_name, table_name, table_type, distribution_key, table_gid"
                    + " FROM rds_aurora.limitless_tables WHERE table_type IN ('sharded', 'reference') ORDER BY 1, 2")) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                    tableIds.put(new TableName(rs.getString(1), rs.getString(2)), rs.getLong(5));
                }
            } catch (SQLException e) {
                throw new SQLException("Could not read rds_aurora.limitless_tables: the database is neither Aurora"
                        + " Limitless nor has the local emulation (" + e.getMessage() + ")", e.getSQLState(), e);
            }
            try (ResultSet rs = statement.executeQuery("SELECT collocation_id, schema_name, table_name"
                    + " FROM rds_aurora.limitless_table_collocations ORDER BY 1, 2, 3")) {
                while (rs.next()) {
                    TableName name = new TableName(rs.getString(2), rs.getString(3));
                    collocationIds.put(name, rs.getLong(1));
                    groups.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(name);
                }
            }
        }
        List<TableDefinition> definitions = new ArrayList<>();
        for (Object[] row : rows) {
            TableName name = new TableName((String) row[0], (String) row[1]);
            TableMode mode = TableMode.parse((String) row[2]);
            if (mode == TableMode.REFERENCE) {
                definitions.add(TableDefinition.reference(name, source));
                continue;
            }
            TableName collocateWith = null;
            Long group = collocationIds.get(name);
            if (group != null) {
                // Aurora does not say which table a group grew from; a collocated table is created after the table it
                // is collocated with, so the oldest table (lowest table_gid) is taken as the one the others follow
                TableName oldest = groups.get(group).stream()
                        .min(Comparator.comparing((TableName member) -> tableIds.getOrDefault(member, Long.MAX_VALUE))
                                .thenComparing(Comparator.naturalOrder()))
                        .orElseThrow();
                collocateWith = oldest.equals(name) ? null : oldest;
            }
            List<String> key = distributionKey((String) row[3], name);
            Map<String, String> columns = columns(connection, name);
            definitions.add(TableDefinition.sharded(name, key, collocateWith, source)
                    .withShardKeyTypes(keyTypes(columns, key)).withColumns(new ArrayList<>(columns.keySet())));
        }
        ShardCatalog catalog = ShardCatalog.of(defaultSchema, definitions);
        return catalog.withReaders(readers(connection, catalog));
    }

    /**
     * Views, materialized views and SQL or PL/pgSQL functions that read sharded tables: views by their recorded
     * dependencies (also through other views), functions by the names in their source text. Empty when the
     * database does not say (the guard then cannot recognise them).
     */
    static Map<TableName, java.util.Set<TableName>> readers(Connection connection, ShardCatalog catalog) {
        Map<String, TableName> sharded = new HashMap<>();
        catalog.shardedTables().forEach(table -> sharded.put(table.name().name(), table.name()));
        Map<TableName, java.util.Set<TableName>> readers = new java.util.LinkedHashMap<>();
        if (sharded.isEmpty()) {
            return readers;
        }
        Map<TableName, java.util.Set<TableName>> dependsOn = new java.util.LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT DISTINCT vn.nspname, v.relname, tn.nspname, t.relname"
                        + " FROM pg_catalog.pg_rewrite r"
                        + " JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid"
                        + " AND d.refclassid = 'pg_catalog.pg_class'::regclass"
                        + " JOIN pg_catalog.pg_class v ON v.oid = r.ev_class JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace"
                        + " JOIN pg_catalog.pg_class t ON t.oid = d.refobjid JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace"
                        + " WHERE v.relkind IN ('v', 'm') AND t.oid <> v.oid AND vn.nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " AND vn.nspname NOT LIKE 'rds_aurora%'")) {
            while (rs.next()) {
                dependsOn.computeIfAbsent(new TableName(rs.getString(1), rs.getString(2)), v -> new java.util.LinkedHashSet<>())
                        .add(new TableName(rs.getString(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            return readers;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<TableName, java.util.Set<TableName>> view : dependsOn.entrySet()) {
                java.util.Set<TableName> read = new java.util.LinkedHashSet<>();
                for (TableName dependency : view.getValue()) {
                    if (catalog.find(dependency).map(TableDefinition::isSharded).orElse(false)) {
                        read.add(dependency);
                    }
                    read.addAll(readers.getOrDefault(dependency, java.util.Set.of()));
                }
                if (!read.isEmpty() && !read.equals(readers.get(view.getKey()))) {
                    readers.put(view.getKey(), read);
                    changed = true;
                }
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT n.nspname, p.proname, p.prosrc FROM pg_catalog.pg_proc p"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                        + " JOIN pg_catalog.pg_language l ON l.oid = p.prolang"
                        + " WHERE l.lanname IN ('sql', 'plpgsql') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " AND n.nspname NOT LIKE 'rds_aurora%'")) {
            while (rs.next()) {
                java.util.Set<TableName> read = new java.util.LinkedHashSet<>();
                for (dev.limitless.sql.internal.SqlTokens.Token token : dev.limitless.sql.internal.SqlTokens.of(rs.getString(3) == null ? "" : rs.getString(3))) {
                    TableName table = token.isIdentifier() ? sharded.get(token.identifier()) : null;
                    if (table != null) {
                        read.add(table);
                    }
                }
                if (!read.isEmpty()) {
                    readers.put(new TableName(rs.getString(1), rs.getString(2)), read);
                }
            }
        } catch (SQLException e) {
            return readers;
        }
        return readers;
    }

    /** The table's columns in table order with their types as PostgreSQL prints them; empty when it cannot say. */
    private static Map<String, String> columns(Connection connection, TableName table) {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            return Map.of(); // unknown: the guard then judges key values and aliases without them
        }
        return types;
    }

    /** The shard-key columns' types, or empty when the catalog does not say. */
    private static List<String> keyTypes(Map<String, String> types, List<String> key) {
        List<String> ordered = new ArrayList<>();
        for (String column : key) {
            String type = types.get(column);
            if (type == null) {
                return List.of();
            }
            ordered.add(type);
        }
        return ordered;
    }

    /** Reads Aurora's {@code HASH (a, "B")} into column names. */
    static List<String> distributionKey(String text, TableName table) throws SQLException {
        Matcher matcher = text == null ? null : HASH.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new SQLException("Unexpected distribution_key '" + text + "' for sharded table " + table);
        }
        List<String> columns = new ArrayList<>();
        for (String part : splitColumns(matcher.group(1))) {
            columns.add(TableName.identifier(part));
        }
        return columns;
    }

    private static List<String> splitColumns(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
        return parts;
    }
}
