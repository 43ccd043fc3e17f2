package dev.limitless.ddl;

import dev.limitless.sql.internal.SqlTokens;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import dev.limitless.ddl.LimitlessDdl.Style;
import dev.limitless.ddl.LimitlessDdl.Translation;
import dev.limitless.sql.internal.SqlTokens.Token;
import dev.limitless.ddl.TableSpec.CheckSpec;
import dev.limitless.ddl.TableSpec.ColumnSpec;
import dev.limitless.ddl.TableSpec.ForeignKeySpec;
import dev.limitless.ddl.TableSpec.KeySpec;
import dev.limitless.sql.internal.SqlScript;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a plain PostgreSQL schema script into Limitless DDL without rewriting what the user wrote: each
 * {@code CREATE TABLE} of a sharded or reference table is kept verbatim inside its {@code SET LOCAL} block, minus
 * its foreign keys, which are re-added with {@code ALTER TABLE ... ADD} after the last {@code CREATE TABLE}; every
 * other statement (and every comment) is passed through in order. Tables the catalog does not name stay standard.
 */
final class SchemaTranslator {

    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("constraint", "not", "null", "default", "primary",
            "unique", "references", "check", "generated", "collate", "compression", "storage");
    private static final Set<String> SERIAL_TYPES = Set.of("serial", "serial4", "bigserial", "serial8", "smallserial", "serial2");

    private final String sourceName;
    private final ShardCatalog catalog;
    private final Style style;
    private final Map<TableName, ParsedTable> tables = new LinkedHashMap<>();
    private final List<Violation> ordering = new ArrayList<>();
    /** Tables created without a column list (CREATE TABLE AS): not checked, but not missing either. */
    private final Set<TableName> createdWithoutColumns = new java.util.HashSet<>();
    /** The script's search_path: the first schema receives unqualified CREATEs, all are looked through for names. */
    private List<String> searchPath;

    SchemaTranslator(String sourceName, ShardCatalog catalog, Style style) {
        this.sourceName = sourceName;
        this.catalog = catalog;
        this.style = style;
        this.searchPath = List.of(catalog.defaultSchema());
    }

    Translation translate(String script) {
        List<String> output = new ArrayList<>();
        List<String> movedForeignKeys = new ArrayList<>();
        int afterLastCreate = -1;
        for (SqlScript.Statement statement : SqlScript.split(script)) {
            if (statement.problem() != null) {
                throw new DdlInputException(sourceName + ":" + statement.line() + ": cannot read the SQL: " + statement.problem());
            }
            if (statement.commentOnly()) {
                output.add(statement.sql() + "\n");
                continue;
            }
            List<Token> tokens = SqlTokens.of(statement.sql());
            searchPath(tokens);
            statementRules(statement, tokens);
            if (startsWith(tokens, "create") && tableKeyword(tokens) > 0) {
                output.add(createTable(statement, tokens, movedForeignKeys));
                afterLastCreate = output.size();
            } else if (startsWith(tokens, "create") && indexKeyword(tokens) > 0) {
                createIndex(statement, tokens);
                output.add(LimitlessDdl.terminated(statement.sql()));
            } else if (startsWith(tokens, "alter") && tokens.size() > 1 && tokens.get(1).is("table")) {
                alterTable(statement, tokens);
                output.add(LimitlessDdl.terminated(statement.sql()));
            } else {
                output.add(LimitlessDdl.terminated(statement.sql()));
            }
        }
        List<String> missing = catalog.tables().stream().filter(table -> table.mode() != TableMode.STANDARD)
                .map(TableDefinition::name).filter(name -> !tables.containsKey(name) && !createdWithoutColumns.contains(name))
                .map(TableName::toString).toList();
        if (!missing.isEmpty()) {
            throw new DdlInputException("The catalog names table(s) that " + sourceName + " does not create: "
                    + String.join(", ", missing) + "; remove them from the catalog or add their CREATE TABLE to the schema");
        }
        if (!movedForeignKeys.isEmpty()) {
            output.add(afterLastCreate, "-- Foreign keys of sharded and reference tables, added once all tables exist\n"
                    + String.join("", movedForeignKeys));
        }
        List<Violation> violations = new ArrayList<>(ordering);
        violations.addAll(DdlChecker.check(catalog, tables.values().stream().map(ParsedTable::spec).toList()));
        violations.sort(Comparator.comparingInt(violation -> lineOf(violation.location())));
        return new Translation(String.join("\n", output), violations);
    }

    private String createTable(SqlScript.Statement statement, List<Token> tokens, List<String> movedForeignKeys) {
        String sql = statement.sql();
        int i = tableKeyword(tokens) + 1;
        boolean temporary = tokens.subList(1, i).stream().anyMatch(t -> t.is("temp") || t.is("temporary"));
        if (i + 2 < tokens.size() && tokens.get(i).is("if") && tokens.get(i + 1).is("not") && tokens.get(i + 2).is("exists")) {
            i += 3;
        }
        int nameStart = i;
        TableName name = createdName(tokens, i, statement);
        i = afterQualifiedName(tokens, i);
        TableDefinition definition = catalog.find(name).orElse(TableDefinition.standard(name, "default"));
        String location = location(statement, tokens.get(nameStart));
        if (temporary) {
            return LimitlessDdl.terminated(sql);
        }
        if (i >= tokens.size() || !tokens.get(i).isSymbol("(") || isCreateTableAs(tokens, i)) {
            if (definition.mode() == TableMode.REFERENCE && isCreateTableAs(tokens, i)) {
                createdWithoutColumns.add(name);
                ordering.add(new Violation(Rule.CREATE_TABLE_AS_REFERENCE, name, null, location, "CREATE TABLE ... AS"
                        + " cannot create a reference table on Aurora Limitless; create it with a column list and a primary key"
                        + " (CREATE TABLE " + name.name() + " (...)), then INSERT INTO " + name.name() + " SELECT ..."));
                return LimitlessDdl.terminated(sql);
            }
            if (definition.mode() == TableMode.SHARDED && isCreateTableAs(tokens, i)) {
                // AWS supports CREATE TABLE AS for sharded tables; its columns come from the query, so only the block is written
                createdWithoutColumns.add(name);
                int first = tokens.get(0).start();
                return sql.substring(0, first) + LimitlessDdl.createTable(definition, sql.substring(first), style);
            }
            if (definition.mode() != TableMode.STANDARD) {
                throw new DdlInputException(location + ": " + name + " is a " + definition.mode().auroraName()
                        + " table in the catalog, but this CREATE TABLE has no column list (AS, OF or PARTITION OF);"
                        + " write it as CREATE TABLE " + name.name() + " (columns ...)");
            }
            return LimitlessDdl.terminated(sql);
        }
        ParsedTable table = new ParsedTable(name, location);
        tables.put(name, table);
        if (definition.collocateWith() != null && !tables.containsKey(definition.collocateWith())) {
            ordering.add(new Violation(Rule.COLLOCATION_ORDER, name, null, location, "collocated with "
                    + definition.collocateWith() + ", which is not created before it; create "
                    + definition.collocateWith().name() + " first"));
        }
        int close = SqlTokens.closing(tokens, i);
        List<int[]> removals = new ArrayList<>();
        List<ForeignKeySpec> foreignKeys = new ArrayList<>();
        List<int[]> elements = SqlTokens.splitAtCommas(tokens, i + 1, close);
        for (int e = 0; e < elements.size(); e++) {
            int[] element = elements.get(e);
            // the element and the comma that separates it: comments around it stay where they are
            int comma = e > 0 ? elements.get(e - 1)[1] : element[1] < close ? element[1] : -1;
            int[][] ranges = comma < 0 ? new int[][] {{tokens.get(element[0]).start(), tokens.get(element[1] - 1).end()}}
                    : new int[][] {{tokens.get(comma).start(), tokens.get(comma).end()},
                            {tokens.get(element[0]).start(), tokens.get(element[1] - 1).end()}};
            element(statement, tokens, element[0], element[1], table, foreignKeys, removals, ranges);
        }
        for (int j = close + 1; j < tokens.size(); j++) {
            if (tokens.get(j).is("partition") && j + 1 < tokens.size() && tokens.get(j + 1).is("by")) {
                table.features.add(TableSpec.Feature.PARTITION_BY);
            } else if (tokens.get(j).is("with") && j + 1 < tokens.size() && tokens.get(j + 1).isSymbol("(")) {
                table.features.add(TableSpec.Feature.STORAGE_PARAMETERS);
            }
        }
        table.foreignKeys.addAll(foreignKeys);
        if (definition.mode() == TableMode.STANDARD) {
            return LimitlessDdl.terminated(sql);
        }
        StringBuilder stripped = new StringBuilder(sql);
        removals.sort(Comparator.comparingInt((int[] range) -> range[0]).reversed());
        for (int[] range : removals) {
            int from = range[0];
            int to = range[1];
            while (from > 0 && (sql.charAt(from - 1) == ' ' || sql.charAt(from - 1) == '\t')) {
                from--;
            }
            int lineEnd = to;
            while (lineEnd < sql.length() && (sql.charAt(lineEnd) == ' ' || sql.charAt(lineEnd) == '\t')) {
                lineEnd++;
            }
            if ((from == 0 || sql.charAt(from - 1) == '\n') && lineEnd < sql.length() && sql.charAt(lineEnd) == '\n') {
                to = lineEnd + 1; // the clause filled its line: remove the line
            }
            stripped.delete(from, to);
        }
        for (ForeignKeySpec foreignKey : foreignKeys) {
            movedForeignKeys.add(LimitlessDdl.addForeignKey(name, foreignKey));
        }
        String text = stripped.toString();
        int first = tokens.get(0).start();
        String comments = text.substring(0, first);
        return comments + LimitlessDdl.createTable(definition, text.substring(first), style);
    }

    /** One element of a CREATE TABLE list: a column or a table constraint. */
    private void element(SqlScript.Statement statement, List<Token> tokens, int from, int to, ParsedTable table,
            List<ForeignKeySpec> foreignKeys, List<int[]> removals, int[][] wholeElement) {
        String sql = statement.sql();
        String location = location(statement, tokens.get(from));
        int k = from;
        String constraintName = null;
        if (tokens.get(k).is("constraint") && k + 1 < to) {
            constraintName = tokens.get(k + 1).identifier();
            k += 2;
        }
        Token first = tokens.get(k);
        if (first.is("primary") || first.is("unique")) {
            int open = nextSymbol(tokens, k, to, "(");
            if (open > 0) {
                table.keys.add(new KeySpec(first.is("primary"), describe(first.is("primary") ? "primary key" : "unique constraint",
                        constraintName), SqlTokens.identifierList(tokens, open), location));
            }
        } else if (first.is("foreign")) {
            int open = nextSymbol(tokens, k, to, "(");
            List<String> columns = SqlTokens.identifierList(tokens, open);
            int references = SqlTokens.closing(tokens, open) + 1;
            foreignKeys.add(foreignKey(statement, tokens, references, to, constraintName, columns,
                    sql.substring(first.start(), tokens.get(to - 1).end()), location));
            foreignKeyOptions(table.name, constraintName != null ? constraintName : String.join(", ", columns), tokens,
                    references, to, location);
            removals.addAll(List.of(wholeElement));
        } else if (first.is("check")) {
            int open = nextSymbol(tokens, k, to, "(");
            table.checks.add(new CheckSpec(inside(sql, tokens, open), null, location));
        } else if (first.is("exclude")) {
            table.features.add(TableSpec.Feature.EXCLUDE);
        } else if (first.is("like")) {
            return;
        } else {
            column(statement, tokens, from, to, table, foreignKeys, removals);
        }
    }

    private void column(SqlScript.Statement statement, List<Token> tokens, int from, int to, ParsedTable table,
            List<ForeignKeySpec> foreignKeys, List<int[]> removals) {
        String sql = statement.sql();
        String location = location(statement, tokens.get(from));
        String columnName = tokens.get(from).identifier();
        int typeEnd = from + 1;
        int depth = 0;
        while (typeEnd < to) {
            Token token = tokens.get(typeEnd);
            if (token.isSymbol("(") || token.isSymbol("[")) {
                depth++;
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && token.kind() == SqlTokens.Kind.WORD && COLUMN_CONSTRAINT_WORDS.contains(token.text().toLowerCase())) {
                break;
            }
            typeEnd++;
        }
        String type = typeEnd > from + 1 ? sql.substring(tokens.get(from + 1).start(), tokens.get(typeEnd - 1).end()) : "";
        boolean identity = false;
        boolean sequence = SERIAL_TYPES.contains(type.toLowerCase());
        String constraintName = null;
        int constraintStart = -1;
        for (int j = typeEnd; j < to; j++) {
            Token token = tokens.get(j);
            if (token.is("constraint") && j + 1 < to) {
                constraintName = tokens.get(j + 1).identifier();
                constraintStart = token.start();
                j++;
                continue;
            }
            if (token.is("primary") || token.is("unique")) {
                table.keys.add(new KeySpec(token.is("primary"), describe(token.is("primary") ? "primary key" : "unique constraint",
                        constraintName), List.of(columnName), location));
            } else if (token.is("check") && j + 1 < to && tokens.get(j + 1).isSymbol("(")) {
                table.checks.add(new CheckSpec(inside(sql, tokens, j + 1), columnName, location));
                j = SqlTokens.closing(tokens, j + 1);
            } else if (token.is("default")) {
                for (int d = j + 1; d < to && !(tokens.get(d).kind() == SqlTokens.Kind.WORD
                        && COLUMN_CONSTRAINT_WORDS.contains(tokens.get(d).text().toLowerCase())); d++) {
                    if (tokens.get(d).is("nextval")) {
                        sequence = true;
                    }
                }
            } else if (token.is("generated")) {
                for (int g = j + 1; g < Math.min(to, j + 5); g++) {
                    if (tokens.get(g).is("identity")) {
                        identity = true;
                    }
                }
            } else if (token.is("references")) {
                int end = referencesEnd(tokens, j, to);
                foreignKeyOptions(table.name, constraintName != null ? constraintName : columnName, tokens, j, end, location);
                int start = constraintStart >= 0 ? constraintStart : token.start();
                foreignKeys.add(foreignKey(statement, tokens, j, end, constraintName, List.of(columnName),
                        "FOREIGN KEY (" + TableName.quote(columnName) + ") " + sql.substring(token.start(), tokens.get(end - 1).end()),
                        location));
                removals.add(new int[] {start, tokens.get(end - 1).end()});
                j = end - 1;
            }
            if (!token.is("constraint")) {
                constraintName = null;
                constraintStart = -1;
            }
        }
        table.columns.add(new ColumnSpec(columnName, type, identity, sequence, location));
    }

    /** The token index after a column's {@code REFERENCES t (c) [MATCH ..] [ON DELETE ..] [DEFERRABLE ..]}. */
    private static int referencesEnd(List<Token> tokens, int references, int to) {
        int j = afterQualifiedName(tokens, references + 1);
        if (j < to && tokens.get(j).isSymbol("(")) {
            j = SqlTokens.closing(tokens, j) + 1;
        }
        while (j < to) {
            Token token = tokens.get(j);
            if (token.is("match") || token.is("initially")) {
                j += 2;
            } else if (token.is("deferrable")) {
                j++;
            } else if (token.is("not") && j + 1 < to && tokens.get(j + 1).is("deferrable")) {
                j += 2;
            } else if (token.is("on") && j + 2 < to) {
                j += 2;
                if (tokens.get(j).is("no") || tokens.get(j).is("set")) {
                    j += 2;
                    if (j < to && tokens.get(j).isSymbol("(")) {
                        j = SqlTokens.closing(tokens, j) + 1;
                    }
                } else {
                    j++;
                }
            } else {
                break;
            }
        }
        return Math.min(j, to);
    }

    private ForeignKeySpec foreignKey(SqlScript.Statement statement, List<Token> tokens, int references, int to,
            String constraintName, List<String> columns, String definition, String location) {
        TableName target = existingName(tokens, references + 1, statement);
        int after = afterQualifiedName(tokens, references + 1);
        List<String> targetColumns = after < to && tokens.get(after).isSymbol("(") ? SqlTokens.identifierList(tokens, after) : List.of();
        return new ForeignKeySpec(constraintName, columns, target, targetColumns, definition, location);
    }

    private void createIndex(SqlScript.Statement statement, List<Token> tokens) {
        boolean unique = tokens.get(1).is("unique");
        boolean concurrently = tokens.stream().limit(indexKeyword(tokens)).anyMatch(t -> t.is("concurrently"));
        int on = -1;
        for (int j = indexKeyword(tokens); j < tokens.size(); j++) {
            if (tokens.get(j).is("on")) {
                on = j;
                break;
            }
        }
        if (on < 0) {
            return;
        }
        int nameAt = on + 1 < tokens.size() && tokens.get(on + 1).is("only") ? on + 2 : on + 1;
        TableName name = existingName(tokens, nameAt, statement);
        ParsedTable table = tables.get(name);
        int open = nextSymbol(tokens, nameAt, tokens.size(), "(");
        if (table == null || open < 0) {
            return;
        }
        String indexName = on > indexKeyword(tokens) ? tokens.get(on - 1).identifier() : "on " + name.name();
        KeySpec key = new KeySpec(false, (unique ? "unique index " : "index ") + indexName, SqlTokens.identifierList(tokens, open),
                location(statement, tokens.get(0)));
        (unique ? table.keys : table.indexes).add(key);
        if (unique && concurrently && catalog.modeOf(name) != TableMode.STANDARD) {
            ordering.add(new Violation(Rule.NO_UNIQUE_INDEX_CONCURRENTLY, name, indexName, key.location(),
                    "CREATE UNIQUE INDEX CONCURRENTLY is not supported by Aurora Limitless; drop CONCURRENTLY"));
        }
    }

    private void alterTable(SqlScript.Statement statement, List<Token> tokens) {
        int i = 2;
        if (i < tokens.size() && tokens.get(i).is("all")) {
            ordering.add(new Violation(Rule.ALTER_TABLE_FORM, new TableName(searchPath.get(0), "ALL IN TABLESPACE"), null,
                    location(statement, tokens.get(i)), "ALTER TABLE ALL IN TABLESPACE is not supported by Aurora Limitless;"
                    + " storage is managed by the service, remove the statement"));
            return;
        }
        boolean only = false;
        while (i < tokens.size() && (tokens.get(i).is("if") || tokens.get(i).is("exists") || tokens.get(i).is("only"))) {
            only |= tokens.get(i).is("only");
            i++;
        }
        TableName name = existingName(tokens, i, statement);
        if (only) {
            ordering.add(new Violation(Rule.ALTER_TABLE_ONLY, name, null, location(statement, tokens.get(2)),
                    "ALTER TABLE ONLY is not supported by Aurora Limitless; write ALTER TABLE " + name.name()
                            + " without ONLY (pg_dump writes ONLY: edit its output)"));
        }
        alterTableForms(statement, tokens, afterQualifiedName(tokens, i), name);
        // a table the script does not create (it exists already) is still checked against the catalog and AWS's
        // limitations; what is learnt about it is not kept
        ParsedTable table = tables.get(name);
        if (table == null) {
            table = new ParsedTable(name, location(statement, tokens.get(0)));
        }
        List<String> shardKey = catalog.find(name).map(TableDefinition::shardKey).orElse(List.of());
        i = afterQualifiedName(tokens, i);
        for (int[] action : SqlTokens.splitAtCommas(tokens, i, tokens.size())) {
            int a = action[0];
            String location = location(statement, tokens.get(a));
            if (tokens.get(a).is("add")) {
                int k = a + 1;
                if (k < action[1] && (tokens.get(k).is("constraint") || tokens.get(k).is("primary") || tokens.get(k).is("unique")
                        || tokens.get(k).is("foreign") || tokens.get(k).is("check") || tokens.get(k).is("exclude"))) {
                    List<ForeignKeySpec> foreignKeys = new ArrayList<>();
                    element(statement, tokens, k, action[1], table, foreignKeys, new ArrayList<>(), new int[0][]);
                    table.foreignKeys.addAll(foreignKeys);
                } else {
                    if (k < action[1] && tokens.get(k).is("column")) {
                        k++;
                    }
                    if (k + 2 < action[1] && tokens.get(k).is("if")) {
                        k += 3;
                    }
                    List<ForeignKeySpec> foreignKeys = new ArrayList<>();
                    column(statement, tokens, k, action[1], table, foreignKeys, new ArrayList<>());
                    table.foreignKeys.addAll(foreignKeys);
                }
            } else if (tokens.get(a).is("drop") || tokens.get(a).is("alter")) {
                boolean drop = tokens.get(a).is("drop");
                int k = a + 1;
                if (k < action[1] && tokens.get(k).is("column")) {
                    k++;
                }
                if (drop && k + 1 < action[1] && tokens.get(k).is("if")) {
                    k += 2;
                }
                if (k >= action[1] || !tokens.get(k).isIdentifier() || tokens.get(k).is("constraint")) {
                    continue;
                }
                String column = tokens.get(k).identifier();
                boolean retype = !drop && action[1] - k > 1 && (tokens.get(k + 1).is("type") || tokens.get(k + 1).is("set")
                        && k + 2 < action[1] && tokens.get(k + 2).is("data"));
                boolean identity = !drop && tokens.subList(k, action[1]).stream().anyMatch(t -> t.is("identity"))
                        && tokens.get(k + 1).is("add");
                if (retype && tokens.subList(k, action[1]).stream().anyMatch(t -> t.is("using"))) {
                    ordering.add(new Violation(Rule.ALTER_TYPE_USING, name, column, location, "ALTER COLUMN " + column
                            + " TYPE ... USING is not supported by Aurora Limitless; add a new column, fill it with UPDATE,"
                            + " then drop the old one and rename the new one"));
                }
                if ((drop || retype) && shardKey.contains(column)) {
                    ordering.add(new Violation(Rule.SHARD_KEY_IMMUTABLE, name, column, location, (drop ? "drops" : "changes the type of")
                            + " shard-key column " + column + "; Aurora Limitless refuses it. Create a new table with the new key and copy the data"));
                }
                boolean referenceKey = drop && catalog.modeOf(name) == TableMode.REFERENCE && table.keys.stream()
                        .anyMatch(key -> key.primary() && key.columns().contains(column));
                if (referenceKey) {
                    ordering.add(new Violation(Rule.REFERENCE_KEY_KEPT, name, column, location, "drops primary-key column "
                            + column + " of a reference table; Aurora Limitless refuses it. Keep the column"));
                }
                if (identity) {
                    table.columns.replaceAll(c -> c.name().equals(column) ? new ColumnSpec(c.name(), c.type(), true, c.sequence(), location) : c);
                }
            }
        }
    }

    /**
     * Follows the script's own {@code SET [SESSION|LOCAL] search_path}, {@code RESET search_path} and
     * {@code set_config('search_path', ...)}, as PostgreSQL would: unqualified names after it mean its schemas.
     * {@code "$user"} and {@code pg_catalog} never receive user tables and are skipped; an empty path keeps the
     * catalog's default schema (PostgreSQL would refuse an unqualified CREATE there).
     */
    private void searchPath(List<Token> tokens) {
        int i = 0;
        if (startsWith(tokens, "reset") && tokens.size() > 1 && tokens.get(1).is("search_path")) {
            searchPath = List.of(catalog.defaultSchema());
            return;
        }
        List<String> schemas = new ArrayList<>();
        if (startsWith(tokens, "set")) {
            i = 1;
            if (i < tokens.size() && (tokens.get(i).is("session") || tokens.get(i).is("local"))) {
                i++;
            }
            if (i >= tokens.size() || !tokens.get(i).is("search_path")) {
                return;
            }
            i++;
            if (i < tokens.size() && (tokens.get(i).is("to") || tokens.get(i).isSymbol("="))) {
                i++;
            }
            if (i < tokens.size() && tokens.get(i).is("default")) {
                searchPath = List.of(catalog.defaultSchema());
                return;
            }
            for (; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.isIdentifier()) {
                    schemas.add(token.identifier());
                } else if (token.kind() == SqlTokens.Kind.STRING) {
                    schemas.add(unquote(token.text()));
                }
            }
        } else {
            int call = -1;
            for (int j = 0; j + 3 < tokens.size(); j++) {
                if (tokens.get(j).is("set_config") && tokens.get(j + 1).isSymbol("(")
                        && tokens.get(j + 2).kind() == SqlTokens.Kind.STRING && unquote(tokens.get(j + 2).text()).equals("search_path")) {
                    call = j;
                    break;
                }
            }
            if (call < 0 || call + 5 >= tokens.size() || tokens.get(call + 4).kind() != SqlTokens.Kind.STRING) {
                return;
            }
            for (String schema : unquote(tokens.get(call + 4).text()).split(",")) {
                String name = schema.strip();
                if (name.startsWith("\"") && name.endsWith("\"") && name.length() > 1) {
                    name = name.substring(1, name.length() - 1);
                } else {
                    name = name.toLowerCase(java.util.Locale.ROOT);
                }
                if (!name.isEmpty()) {
                    schemas.add(name);
                }
            }
        }
        List<String> path = schemas.stream().filter(schema -> !schema.equals("$user") && !schema.equals("pg_catalog")
                && !schema.equals("pg_temp")).toList();
        searchPath = path.isEmpty() ? List.of(catalog.defaultSchema()) : path;
    }

    /** Rules that concern whole statements rather than one table: CREATE SCHEMA, sequences, setval. */
    private void statementRules(SqlScript.Statement statement, List<Token> tokens) {
        singleShardOptimization(statement, tokens);
        if (startsWith(tokens, "create") && tokens.size() > 2 && tokens.get(1).is("schema")) {
            int i = 2;
            if (i + 2 < tokens.size() && tokens.get(i).is("if")) {
                i += 3;
            }
            for (int j = i; j < tokens.size(); j++) {
                if (tokens.get(j).is("create") || tokens.get(j).is("grant")) {
                    String schema = tokens.get(i).is("authorization") && i + 1 < tokens.size() ? tokens.get(i + 1).identifier()
                            : tokens.get(i).identifier();
                    ordering.add(new Violation(Rule.CREATE_SCHEMA_ELEMENTS, new TableName(schema, "*"), null,
                            location(statement, tokens.get(j)), "CREATE SCHEMA " + schema + " holds schema elements ("
                            + tokens.get(j).text().toUpperCase(java.util.Locale.ROOT) + " ...), which Aurora Limitless does not"
                            + " support; end CREATE SCHEMA with the schema name and run each element as its own statement"));
                    break;
                }
            }
        }
        boolean sequence = tokens.size() > 2 && (tokens.get(0).is("create") || tokens.get(0).is("alter"))
                && tokens.stream().limit(4).anyMatch(t -> t.is("sequence"));
        if (sequence) {
            int at = 0;
            while (at < tokens.size() && !tokens.get(at).is("sequence")) {
                at++;
            }
            at++;
            while (at < tokens.size() && (tokens.get(at).is("if") || tokens.get(at).is("not") || tokens.get(at).is("exists"))) {
                at++;
            }
            for (int j = at; j < tokens.size(); j++) {
                if (tokens.get(j).is("cycle") && !tokens.get(j - 1).is("no")) {
                    TableName name = qualifiedName(tokens, at, statement);
                    ordering.add(new Violation(Rule.NO_CYCLE_SEQUENCE, name, null, location(statement, tokens.get(j)),
                            "sequence " + name + " is CYCLE, which Aurora Limitless does not support; use NO CYCLE and a"
                                    + " bigint sequence large enough never to wrap"));
                }
            }
        }
        for (int j = 0; j + 1 < tokens.size(); j++) {
            if (tokens.get(j).is("setval") && tokens.get(j + 1).isSymbol("(")) {
                String target = j + 2 < tokens.size() && tokens.get(j + 2).kind() == SqlTokens.Kind.STRING
                        ? unquote(tokens.get(j + 2).text()) : "setval";
                int dot = target.lastIndexOf('.');
                TableName name = dot < 0 ? new TableName(searchPath.get(0), target)
                        : new TableName(target.substring(0, dot), target.substring(dot + 1));
                ordering.add(new Violation(Rule.NO_SETVAL, name, null, location(statement, tokens.get(j)),
                        "setval() on " + name + " is not supported by Aurora Limitless' distributed sequences; create the"
                                + " sequence with START WITH the next value instead (ALTER SEQUENCE ... RESTART is refused too)"));
            }
        }
    }

    /**
     * What AWS lists as losing single-shard optimization, where DDL shows it (warnings: the script runs, but
     * statements that name one shard will be planned for all): security-barrier views, functions that are not
     * IMMUTABLE or are PL/pgSQL (queries that take the key from a variable), and plan_cache_mode set to
     * force_generic_plan. Trigger functions are not called from queries and are left alone.
     */
    private void singleShardOptimization(SqlScript.Statement statement, List<Token> tokens) {
        if (tokens.size() < 3) {
            return;
        }
        int at = 1;
        if (tokens.get(0).is("create") && tokens.get(at).is("or") && at + 1 < tokens.size() && tokens.get(at + 1).is("replace")) {
            at += 2;
        }
        boolean create = tokens.get(0).is("create");
        while (at < tokens.size() && (tokens.get(at).is("temp") || tokens.get(at).is("temporary") || tokens.get(at).is("recursive")
                || tokens.get(at).is("materialized"))) {
            at++;
        }
        if (at >= tokens.size()) {
            return;
        }
        String where = location(statement, tokens.get(0));
        if ((create || tokens.get(0).is("alter")) && tokens.get(at).is("view") && at + 1 < tokens.size()) {
            for (int j = at + 1; j < tokens.size(); j++) {
                if (tokens.get(j).is("security_barrier")) {
                    boolean off = j + 2 < tokens.size() && tokens.get(j + 1).isSymbol("=")
                            && (tokens.get(j + 2).is("false") || tokens.get(j + 2).is("off")
                            || tokens.get(j + 2).kind() == SqlTokens.Kind.NUMBER && tokens.get(j + 2).text().equals("0"));
                    if (!off) {
                        TableName view = qualifiedName(tokens, at + 1, statement);
                        ordering.add(new Violation(Rule.SINGLE_SHARD_OPTIMIZATION, view, null, where, "view " + view
                                + " is a security_barrier view: AWS lists security-barrier views as losing single-shard"
                                + " optimization, so queries through it are planned for every shard; query the tables,"
                                + " or use row-level security on them instead"));
                    }
                    break;
                }
            }
        }
        if (create && (tokens.get(at).is("function") || tokens.get(at).is("procedure")) && at + 1 < tokens.size()) {
            boolean immutable = false;
            boolean plpgsql = false;
            boolean trigger = false;
            for (int j = at + 1; j < tokens.size(); j++) {
                Token token = tokens.get(j);
                immutable |= token.is("immutable");
                trigger |= token.is("returns") && j + 1 < tokens.size()
                        && (tokens.get(j + 1).is("trigger") || tokens.get(j + 1).is("event_trigger"));
                plpgsql |= token.is("language") && j + 1 < tokens.size()
                        && (tokens.get(j + 1).is("plpgsql") || tokens.get(j + 1).kind() == SqlTokens.Kind.STRING
                        && unquote(tokens.get(j + 1).text()).equalsIgnoreCase("plpgsql"));
            }
            if (!trigger && (!immutable || plpgsql)) {
                TableName function = qualifiedName(tokens, at + 1, statement);
                List<String> why = new ArrayList<>();
                if (!immutable) {
                    why.add("it is not IMMUTABLE (functions are VOLATILE unless declared), and a query that calls a function"
                            + " that is not immutable or not distributed loses single-shard optimization; declare it IMMUTABLE"
                            + " if it is, and distribute it with the tables it reads");
                }
                if (plpgsql) {
                    why.add("it is PL/pgSQL, whose queries take values from variables, which AWS lists as losing"
                            + " single-shard optimization; pass the shard key as a literal or a parameter of a plain SQL statement");
                }
                ordering.add(new Violation(Rule.SINGLE_SHARD_OPTIMIZATION, function, null, where,
                        tokens.get(at).text().toLowerCase(java.util.Locale.ROOT) + " " + function + ": "
                                + String.join("; ", why)));
            }
        }
        boolean setting = tokens.get(0).is("set") || tokens.get(0).is("alter");
        if (setting && tokens.stream().anyMatch(t -> t.is("plan_cache_mode"))
                && tokens.stream().anyMatch(t -> t.is("force_generic_plan")
                || t.kind() == SqlTokens.Kind.STRING && unquote(t.text()).equalsIgnoreCase("force_generic_plan"))) {
            ordering.add(new Violation(Rule.SINGLE_SHARD_OPTIMIZATION, new TableName(searchPath.get(0), "plan_cache_mode"), null,
                    where, "plan_cache_mode = force_generic_plan: generic plans lose single-shard optimization (AWS),"
                            + " so prepared statements that name one shard are planned for every shard; keep the default, auto"));
        }
    }

    /** The ALTER TABLE forms AWS lists as unsupported, for every table (the whole database is Limitless). */
    private void alterTableForms(SqlScript.Statement statement, List<Token> tokens, int from, TableName name) {
        for (int[] action : SqlTokens.splitAtCommas(tokens, from, tokens.size())) {
            int a = action[0];
            int end = action[1];
            if (a >= end) {
                continue;
            }
            String form = null;
            Token first = tokens.get(a);
            Token second = a + 1 < end ? tokens.get(a + 1) : null;
            if (first.is("rename") && second != null && second.is("constraint")) {
                form = "RENAME CONSTRAINT";
            } else if ((first.is("attach") || first.is("detach")) && second != null && second.is("partition")) {
                form = first.text().toUpperCase(java.util.Locale.ROOT) + " PARTITION";
            } else if ((first.is("set") || first.is("reset")) && second != null && second.isSymbol("(")) {
                form = first.text().toUpperCase(java.util.Locale.ROOT) + " (storage parameters)";
            } else if (first.is("alter")) {
                int k = a + 1;
                if (k < end && tokens.get(k).is("column")) {
                    k++;
                }
                k++; // the column name
                form = columnForm(tokens, k, end);
            }
            if (form != null) {
                ordering.add(new Violation(Rule.ALTER_TABLE_FORM, name, null, location(statement, first),
                        "ALTER TABLE ... " + form + " is not supported by Aurora Limitless (AWS, DDL limitations);"
                                + " remove it, or recreate the table with the wanted definition and copy the rows"));
            }
        }
    }

    private static String columnForm(List<Token> tokens, int k, int end) {
        if (k >= end) {
            return null;
        }
        Token verb = tokens.get(k);
        Token next = k + 1 < end ? tokens.get(k + 1) : null;
        if (verb.is("add") && next != null && next.is("generated")) {
            return "ALTER COLUMN ADD GENERATED";
        }
        if (verb.is("drop") && next != null && (next.is("expression") || next.is("identity"))) {
            return "ALTER COLUMN DROP " + next.text().toUpperCase(java.util.Locale.ROOT);
        }
        if (verb.is("restart")) {
            return "ALTER COLUMN RESTART";
        }
        if (verb.is("reset")) {
            return "ALTER COLUMN RESET (...)";
        }
        if (verb.is("set") && next != null) {
            if (next.isSymbol("(")) {
                return "ALTER COLUMN SET (...)";
            }
            for (String option : List.of("statistics", "compression", "generated", "increment", "start", "minvalue",
                    "maxvalue", "cache", "cycle", "no", "restart")) {
                if (next.is(option)) {
                    return "ALTER COLUMN SET " + next.text().toUpperCase(java.util.Locale.ROOT);
                }
            }
        }
        return null;
    }

    /** Foreign-key options AWS does not support, per the mode of the referencing table. */
    private void foreignKeyOptions(TableName table, String constraint, List<Token> tokens, int references, int to, String location) {
        TableMode mode = catalog.modeOf(table);
        List<String> found = new ArrayList<>();
        for (int j = references; j < to; j++) {
            Token token = tokens.get(j);
            Token next = j + 1 < to ? tokens.get(j + 1) : null;
            Token third = j + 2 < to ? tokens.get(j + 2) : null;
            if (token.is("not") && next != null && next.is("valid")) {
                found.add("NOT VALID");
            } else if (token.is("match") && next != null && next.is("partial")) {
                found.add("MATCH PARTIAL");
            } else if (token.is("on") && next != null && third != null) {
                String action = next.text().toUpperCase(java.util.Locale.ROOT);
                if (third.is("cascade") && next.is("update") && mode != TableMode.STANDARD) {
                    found.add("ON UPDATE CASCADE");
                } else if (third.is("set") && j + 3 < to && (tokens.get(j + 3).is("null") || tokens.get(j + 3).is("default"))
                        && mode == TableMode.SHARDED) {
                    found.add("ON " + action + " SET " + tokens.get(j + 3).text().toUpperCase(java.util.Locale.ROOT));
                }
            }
        }
        if (!found.isEmpty()) {
            ordering.add(new Violation(Rule.FOREIGN_KEY_OPTIONS, table, constraint, location, "foreign key of "
                    + mode.auroraName() + " table " + table + " uses " + String.join(", ", found) + ", which Aurora Limitless"
                    + " does not support there; remove the option (validate at creation, use NO ACTION or RESTRICT)"));
        }
    }

    private static boolean isCreateTableAs(List<Token> tokens, int afterName) {
        if (afterName >= tokens.size()) {
            return false;
        }
        if (tokens.get(afterName).is("as")) {
            return true;
        }
        if (tokens.get(afterName).isSymbol("(")) {
            int close = SqlTokens.closing(tokens, afterName);
            return close + 1 < tokens.size() && tokens.get(close + 1).is("as");
        }
        return false;
    }

    private static String unquote(String literal) {
        String text = literal;
        if (text.startsWith("E'") || text.startsWith("e'")) {
            text = text.substring(1);
        }
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            return text.substring(1, text.length() - 1).replace("''", "'");
        }
        return text;
    }

    private TableName qualifiedName(List<Token> tokens, int at, SqlScript.Statement statement) {
        if (at >= tokens.size() || !tokens.get(at).isIdentifier()) {
            throw new DdlInputException(location(statement, tokens.get(Math.min(at, tokens.size() - 1)))
                    + ": expected a table name in: " + firstLine(statement.sql()));
        }
        if (at + 2 < tokens.size() && tokens.get(at + 1).isSymbol(".") && tokens.get(at + 2).isIdentifier()) {
            return new TableName(tokens.get(at).identifier(), tokens.get(at + 2).identifier());
        }
        return new TableName(searchPath.get(0), tokens.get(at).identifier());
    }

    /** The name of a table being created: unqualified, it lands in the first schema of the script's search_path. */
    private TableName createdName(List<Token> tokens, int at, SqlScript.Statement statement) {
        return qualifiedName(tokens, at, statement);
    }

    /**
     * The name of a table the script refers to: unqualified, the first schema of the search_path where the script
     * created it, else the first schema, as PostgreSQL resolves it.
     */
    private TableName existingName(List<Token> tokens, int at, SqlScript.Statement statement) {
        TableName name = qualifiedName(tokens, at, statement);
        if (at + 2 < tokens.size() && tokens.get(at + 1).isSymbol(".")) {
            return name;
        }
        for (String schema : searchPath) {
            TableName candidate = new TableName(schema, name.name());
            if (tables.containsKey(candidate) || createdWithoutColumns.contains(candidate)) {
                return candidate;
            }
        }
        return name;
    }

    private static int afterQualifiedName(List<Token> tokens, int at) {
        if (at + 2 < tokens.size() && tokens.get(at + 1).isSymbol(".") && tokens.get(at + 2).isIdentifier()) {
            return at + 3;
        }
        return at + 1;
    }

    private static boolean startsWith(List<Token> tokens, String word) {
        return !tokens.isEmpty() && tokens.get(0).is(word);
    }

    /** Index of TABLE in {@code CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE}, or -1. */
    private static int tableKeyword(List<Token> tokens) {
        for (int i = 1; i < Math.min(tokens.size(), 4); i++) {
            Token token = tokens.get(i);
            if (token.is("table")) {
                return i;
            }
            if (!(token.is("global") || token.is("local") || token.is("temp") || token.is("temporary") || token.is("unlogged"))) {
                return -1;
            }
        }
        return -1;
    }

    /** Index after {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS]}, or -1. */
    private static int indexKeyword(List<Token> tokens) {
        int i = 1;
        if (i < tokens.size() && tokens.get(i).is("unique")) {
            i++;
        }
        if (i >= tokens.size() || !tokens.get(i).is("index")) {
            return -1;
        }
        i++;
        if (i < tokens.size() && tokens.get(i).is("concurrently")) {
            i++;
        }
        if (i + 2 < tokens.size() && tokens.get(i).is("if")) {
            i += 3;
        }
        return i;
    }

    private static int nextSymbol(List<Token> tokens, int from, int to, String symbol) {
        for (int i = from; i < to; i++) {
            if (tokens.get(i).isSymbol(symbol)) {
                return i;
            }
        }
        return -1;
    }

    private static String inside(String sql, List<Token> tokens, int open) {
        int close = SqlTokens.closing(tokens, open);
        return close > open + 1 ? sql.substring(tokens.get(open + 1).start(), tokens.get(close - 1).end()) : "";
    }

    private static String describe(String kind, String constraintName) {
        return constraintName == null ? kind : kind + " " + constraintName;
    }

    private String location(SqlScript.Statement statement, Token token) {
        int line = statement.line();
        String sql = statement.sql();
        for (int i = 0; i < token.start(); i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
        return sourceName + ":" + line;
    }

    private int lineOf(String location) {
        try {
            return Integer.parseInt(location.substring(location.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String firstLine(String sql) {
        return sql.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("--")).findFirst().orElse(sql);
    }

    /** A table as the script builds it up: CREATE TABLE, then ALTER TABLE and CREATE INDEX. */
    private static final class ParsedTable {
        final TableName name;
        final String location;
        final List<ColumnSpec> columns = new ArrayList<>();
        final List<KeySpec> keys = new ArrayList<>();
        final List<KeySpec> indexes = new ArrayList<>();
        final List<ForeignKeySpec> foreignKeys = new ArrayList<>();
        final List<CheckSpec> checks = new ArrayList<>();
        final List<TableSpec.Feature> features = new ArrayList<>();

        ParsedTable(TableName name, String location) {
            this.name = name;
            this.location = location;
        }

        TableSpec spec() {
            return new TableSpec(name, columns, keys, indexes, foreignKeys, checks,
                    features.stream().distinct().collect(Collectors.toList()), location);
        }
    }
}
