package dev.limitless.ddl;

import dev.limitless.sql.internal.SqlTokens;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import dev.limitless.sql.internal.SqlTokens.Kind;
import dev.limitless.sql.internal.SqlTokens.Token;
import dev.limitless.ddl.TableSpec.CheckSpec;
import dev.limitless.ddl.TableSpec.ColumnSpec;
import dev.limitless.ddl.TableSpec.ForeignKeySpec;
import dev.limitless.ddl.TableSpec.KeySpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks tables against every {@link Rule} before anything reaches a database and reports all violations at once.
 * The local emulation enforces some of the same rules at run time; this class is where their wording lives.
 */
final class DdlChecker {

    private static final Map<String, String> TYPE_ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("serial", "integer"),
            Map.entry("serial4", "integer"), Map.entry("int8", "bigint"), Map.entry("bigserial", "bigint"),
            Map.entry("serial8", "bigint"), Map.entry("int2", "smallint"), Map.entry("smallserial", "smallint"),
            Map.entry("serial2", "smallint"), Map.entry("varchar", "character varying"), Map.entry("bool", "boolean"),
            Map.entry("float8", "double precision"), Map.entry("float4", "real"), Map.entry("decimal", "numeric"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("char", "character"));

    private DdlChecker() {
    }

    /**
     * Checks the tables against the catalog's modes.
     *
     * @param catalog which tables are sharded (with keys and collocation) or reference; others are standard
     * @param tables the tables of the schema
     * @return every violation, errors and warnings, in table order
     */
    public static List<Violation> check(ShardCatalog catalog, Collection<TableSpec> tables) {
        Map<TableName, TableSpec> byName = new HashMap<>();
        tables.forEach(table -> byName.put(table.name(), table));
        List<Violation> violations = new ArrayList<>();
        for (TableSpec table : tables) {
            TableMode mode = catalog.modeOf(table.name());
            Optional<TableDefinition> definition = catalog.find(table.name());
            if (mode != TableMode.STANDARD) {
                checkFeatures(table, mode, violations);
            }
            if (mode == TableMode.SHARDED) {
                checkSharded(table, definition.orElseThrow(), catalog, byName, violations);
            } else if (mode == TableMode.REFERENCE && table.primaryKey().isEmpty()) {
                violations.add(new Violation(Rule.REFERENCE_NEEDS_PRIMARY_KEY, table.name(), null, table.location(),
                        "reference table without a primary key; add PRIMARY KEY (...)"));
            }
            for (ForeignKeySpec foreignKey : table.foreignKeys()) {
                checkForeignKey(table, mode, foreignKey, catalog, violations);
            }
        }
        return violations;
    }

    private static void checkFeatures(TableSpec table, TableMode mode, List<Violation> violations) {
        String kind = mode.auroraName() + " table";
        for (ColumnSpec column : table.columns()) {
            if (column.identity()) {
                violations.add(new Violation(Rule.NO_IDENTITY, table.name(), column.name(), column.location(),
                        "IDENTITY column on a " + kind + "; use a sequence default (bigserial) or caller-assigned keys"));
            }
        }
        for (TableSpec.Feature feature : table.features()) {
            switch (feature) {
                case EXCLUDE -> violations.add(new Violation(Rule.NO_EXCLUDE, table.name(), null, table.location(),
                        "EXCLUDE constraint on a " + kind + "; enforce it in the application or keep the table standard"));
                case STORAGE_PARAMETERS -> violations.add(new Violation(Rule.NO_STORAGE_PARAMETERS, table.name(), null,
                        table.location(), "storage parameters WITH (...) on a " + kind + "; remove the WITH clause"));
                case PARTITION_BY -> violations.add(new Violation(Rule.NO_PARTITION_BY, table.name(), null, table.location(),
                        "PARTITION BY on a " + kind + "; Limitless distributes the table itself, remove PARTITION BY"));
                default -> throw new IllegalStateException(feature.name());
            }
        }
        for (CheckSpec check : table.checks()) {
            if (!isSimpleCheck(check.expression())) {
                violations.add(new Violation(Rule.SIMPLE_CHECK, table.name(), check.column(), check.location(),
                        "CHECK (" + check.expression() + ") on a " + kind
                                + " is not a simple comparison of columns with literals (functions and arithmetic are refused); enforce it in the application"));
            }
        }
    }

    private static void checkSharded(TableSpec table, TableDefinition definition, ShardCatalog catalog,
            Map<TableName, TableSpec> byName, List<Violation> violations) {
        List<String> shardKey = definition.shardKey();
        if (table.name().name().length() > 54) {
            violations.add(new Violation(Rule.SHARDED_NAME_LENGTH, table.name(), null, table.location(), "the name has "
                    + table.name().name().length() + " characters, a sharded table may have at most 54; shorten it"));
        }
        for (String key : shardKey) {
            if (table.column(key).isEmpty()) {
                violations.add(new Violation(Rule.SHARD_KEY_COLUMNS_EXIST, table.name(), key, table.location(),
                        "shard-key column " + key + " (" + definition.source() + ") is not a column of the table"));
            }
        }
        for (KeySpec key : table.keys()) {
            if (!key.columns().containsAll(shardKey)) {
                List<String> missing = shardKey.stream().filter(column -> !key.columns().contains(column)).toList();
                violations.add(new Violation(key.primary() ? Rule.PRIMARY_KEY_CONTAINS_SHARD_KEY : Rule.UNIQUE_CONTAINS_SHARD_KEY,
                        table.name(), String.join(", ", missing), key.location(), key.description() + " ("
                                + key.columns().stream().map(c -> c == null ? "<expression>" : c).reduce((a, b) -> a + ", " + b).orElse("")
                                + ") does not contain shard-key column(s) " + String.join(", ", missing) + "; add them to it"));
            }
        }
        for (KeySpec index : table.indexes()) {
            String first = index.columns().isEmpty() ? null : index.columns().get(0);
            Optional<ColumnSpec> column = first == null ? Optional.empty() : table.column(first);
            if (column.isPresent() && column.get().sequence()) {
                violations.add(new Violation(Rule.SEQUENCE_ORDERING, table.name(), first, index.location(), index.description()
                        + " leads with " + first + ", whose values come from a sequence: on Limitless they are unique but"
                        + " not ordered across sessions; order and paginate by a timestamp column instead"));
            }
        }
        if (definition.collocateWith() != null) {
            TableSpec target = byName.get(definition.collocateWith());
            if (target != null) {
                for (String key : shardKey) {
                    String own = table.column(key).map(ColumnSpec::type).map(DdlChecker::normalizeType).orElse(null);
                    String theirs = target.column(key).map(ColumnSpec::type).map(DdlChecker::normalizeType).orElse(null);
                    if (own != null && theirs != null && !own.equals(theirs)) {
                        String where = table.column(key).map(ColumnSpec::location).orElse(table.location());
                        violations.add(new Violation(Rule.COLLOCATION_KEYS, table.name(), key, where, "shard-key column "
                                + key + " is " + own + " but " + target.name() + "." + key + " is " + theirs
                                + "; collocated tables need shard keys of the same types"));
                    }
                }
            }
        }
    }

    private static void checkForeignKey(TableSpec table, TableMode mode, ForeignKeySpec foreignKey, ShardCatalog catalog,
            List<Violation> violations) {
        TableMode targetMode = catalog.modeOf(foreignKey.target());
        String constraint = foreignKey.constraintName() != null ? foreignKey.constraintName() : String.join(", ", foreignKey.columns());
        boolean allowed = mode == targetMode && mode != TableMode.REFERENCE
                || mode == TableMode.SHARDED && targetMode == TableMode.REFERENCE
                || mode == TableMode.REFERENCE && targetMode == TableMode.REFERENCE;
        if (!allowed) {
            violations.add(new Violation(Rule.FOREIGN_KEY_PAIR, table.name(), constraint, foreignKey.location(), "foreign key from "
                    + mode.auroraName() + " table " + table.name() + " to " + targetMode.auroraName() + " table "
                    + foreignKey.target() + " is not supported; allowed are standard->standard, sharded->sharded (collocated),"
                    + " sharded->reference and reference->reference. Change a table's mode or drop the foreign key"));
            return;
        }
        if (mode != TableMode.SHARDED || targetMode != TableMode.SHARDED) {
            return;
        }
        if (!catalog.collocated(table.name(), foreignKey.target())) {
            violations.add(new Violation(Rule.FOREIGN_KEY_COLLOCATED, table.name(), constraint, foreignKey.location(),
                    "foreign key to sharded table " + foreignKey.target() + ", which is not collocated with " + table.name()
                            + "; set collocateWith: " + foreignKey.target().name() + " in the catalog"));
        }
        List<String> shardKey = catalog.find(table.name()).map(TableDefinition::shardKey).orElse(List.of());
        if (!foreignKey.columns().containsAll(shardKey)) {
            violations.add(new Violation(Rule.FOREIGN_KEY_SHARD_KEY, table.name(), constraint, foreignKey.location(),
                    "foreign key (" + String.join(", ", foreignKey.columns()) + ") to " + foreignKey.target()
                            + " does not contain the shard key (" + String.join(", ", shardKey) + "); add the shard-key"
                            + " columns to both sides of the foreign key"));
        }
    }

    /** {@code int4}, {@code INT}, {@code integer} are one type; so are {@code varchar(10)} and {@code character varying(10)}. */
    static String normalizeType(String type) {
        String text = type.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("\\s*\\(\\s*", "(")
                .replaceAll("\\s*,\\s*", ",").replaceAll("\\s*\\)", ")");
        int paren = text.indexOf('(');
        String base = paren < 0 ? text : text.substring(0, paren);
        String rest = paren < 0 ? "" : text.substring(paren);
        return TYPE_ALIASES.getOrDefault(base, base) + rest;
    }

    /**
     * Whether a CHECK expression only compares plain columns and literals: {@code amount > 0},
     * {@code status IN ('a', 'b') AND currency <> ''}, {@code x BETWEEN 1 AND 9}, {@code y IS NOT NULL},
     * {@code max_val > min_val}; function calls, arithmetic and sub-queries are not simple.
     */
    static boolean isSimpleCheck(String expression) {
        List<Token> tokens = SqlTokens.of(expression);
        int[] position = {0};
        return expression(tokens, position) && position[0] == tokens.size();
    }

    private static boolean expression(List<Token> tokens, int[] at) {
        if (!term(tokens, at)) {
            return false;
        }
        while (at[0] < tokens.size() && (tokens.get(at[0]).is("and") || tokens.get(at[0]).is("or"))) {
            at[0]++;
            if (!term(tokens, at)) {
                return false;
            }
        }
        return true;
    }

    private static boolean term(List<Token> tokens, int[] at) {
        if (at[0] < tokens.size() && tokens.get(at[0]).is("not")) {
            at[0]++;
        }
        if (at[0] >= tokens.size()) {
            return false;
        }
        if (tokens.get(at[0]).isSymbol("(")) {
            at[0]++;
            if (!expression(tokens, at) || at[0] >= tokens.size() || !tokens.get(at[0]).isSymbol(")")) {
                return false;
            }
            at[0]++;
            return true;
        }
        Boolean leftIsColumn = operand(tokens, at);
        if (leftIsColumn == null || at[0] >= tokens.size()) {
            return false;
        }
        Token operator = tokens.get(at[0]);
        if (operator.is("is")) {
            at[0]++;
            if (at[0] < tokens.size() && tokens.get(at[0]).is("not")) {
                at[0]++;
            }
            if (at[0] < tokens.size() && (tokens.get(at[0]).is("null") || tokens.get(at[0]).is("true") || tokens.get(at[0]).is("false"))) {
                at[0]++;
                return leftIsColumn;
            }
            return false;
        }
        boolean negated = operator.is("not");
        if (negated) {
            at[0]++;
            if (at[0] >= tokens.size()) {
                return false;
            }
            operator = tokens.get(at[0]);
        }
        if (operator.is("in")) {
            at[0]++;
            if (at[0] >= tokens.size() || !tokens.get(at[0]).isSymbol("(")) {
                return false;
            }
            do {
                at[0]++;
                if (!Objects.equals(operand(tokens, at), Boolean.FALSE)) {
                    return false;
                }
            } while (at[0] < tokens.size() && tokens.get(at[0]).isSymbol(","));
            if (at[0] >= tokens.size() || !tokens.get(at[0]).isSymbol(")")) {
                return false;
            }
            at[0]++;
            return leftIsColumn;
        }
        if (operator.is("between")) {
            at[0]++;
            if (!Objects.equals(operand(tokens, at), Boolean.FALSE) || at[0] >= tokens.size() || !tokens.get(at[0]).is("and")) {
                return false;
            }
            at[0]++;
            return Objects.equals(operand(tokens, at), Boolean.FALSE) && leftIsColumn;
        }
        if (negated || operator.kind() != Kind.SYMBOL || !List.of("=", "<>", "!=", "<", ">", "<=", ">=").contains(operator.text())) {
            return false;
        }
        at[0]++;
        // AWS's own example accepts CHECK (max_val > min_val): plain columns and literals, no functions or arithmetic
        return operand(tokens, at) != null;
    }

    /** TRUE for a column, FALSE for a literal (with an optional cast), null for anything else. */
    private static Boolean operand(List<Token> tokens, int[] at) {
        if (at[0] >= tokens.size()) {
            return null;
        }
        Token token = tokens.get(at[0]);
        Boolean result;
        if (token.isSymbol("-") && at[0] + 1 < tokens.size() && tokens.get(at[0] + 1).kind() == Kind.NUMBER) {
            at[0] += 2;
            result = Boolean.FALSE;
        } else if (token.kind() == Kind.STRING || token.kind() == Kind.NUMBER || token.is("true") || token.is("false") || token.is("null")) {
            at[0]++;
            result = Boolean.FALSE;
        } else if (token.isIdentifier() && !(at[0] + 1 < tokens.size() && tokens.get(at[0] + 1).isSymbol("("))
                && !token.is("and") && !token.is("or") && !token.is("not")) {
            at[0]++;
            result = Boolean.TRUE;
        } else {
            return null;
        }
        while (at[0] < tokens.size() && tokens.get(at[0]).isSymbol("::")) {
            at[0]++;
            while (at[0] < tokens.size() && tokens.get(at[0]).isIdentifier() && !tokens.get(at[0]).is("and") && !tokens.get(at[0]).is("or")
                    && !tokens.get(at[0]).is("in") && !tokens.get(at[0]).is("is") && !tokens.get(at[0]).is("between") && !tokens.get(at[0]).is("not")) {
                at[0]++;
            }
            if (at[0] < tokens.size() && tokens.get(at[0]).isSymbol("(")) {
                at[0] = SqlTokens.closing(tokens, at[0]) + 1;
            }
        }
        return result;
    }
}
