package dev.limitless.benchmarks.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of SQL over the fuzz schema ({@link #SCHEMA}, {@link #CATALOG}) and a mutator that breaks it.
 * The same seed gives the same statements, so a failure found once can be replayed by its seed and index.
 *
 * <p>Generated statements are valid PostgreSQL over the schema (selects with joins, subqueries, CTEs and set
 * operations, inserts, updates, deletes), sprinkled with hostile but legal text: comments between tokens, string
 * literals with quotes, semicolons, comment markers and odd Unicode, deep parenthesis nesting, huge IN lists.
 * {@link #mutate} then cuts, duplicates and inserts characters (quotes, dollar quotes, comment openers, lone
 * surrogates, NUL, right-to-left marks) so that most mutants are not SQL at all.
 */
public final class HostileSql {

    /** The tables the generator writes about, as Aurora-style DDL for the local emulation. */
    public static final List<String> SCHEMA = List.of(
            """
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
            CREATE TABLE accounts (account_id bigint PRIMARY KEY, owner text, balance bigint, created_at timestamptz);
            COMMIT""",
            """
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
            SET LOCAL rds_aurora.limitless_create_table_collocate_with='accounts';
            CREATE TABLE transactions (account_id bigint, transaction_id bigint, amount bigint, note text,
                PRIMARY KEY (account_id, transaction_id));
            COMMIT""",
            """
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key='{"customer_id", "region"}';
            CREATE TABLE orders (customer_id bigint, region text, order_id bigint, total bigint,
                PRIMARY KEY (customer_id, region, order_id));
            COMMIT""",
            """
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='reference';
            CREATE TABLE currencies (code text PRIMARY KEY, name text);
            COMMIT""",
            "CREATE TABLE audit_log (id bigint PRIMARY KEY, message text)");

    /** The same tables as a shard catalog. */
    public static final String CATALOG = """
            tables:
              - name: accounts
                mode: sharded
                shardKey: [account_id]
              - name: transactions
                mode: sharded
                shardKey: [account_id]
                collocateWith: accounts
              - name: orders
                mode: sharded
                shardKey: [customer_id, region]
              - name: currencies
                mode: reference
              - name: audit_log
                mode: standard
            """;

    private static final String SEP = "\u0001";
    private static final String[] ODD_TEXT = {
        "O''Brien", "semi;colon", "-- not a comment", "/* nor this */", "$$ dollar $$", "tab\there", "line\nbreak",
        "\u00e9t\u00e9", "\u0130stanbul", "stra\u00dfe", "\u202Eright-to-left", "zero\u200Bwidth", "\uFEFFbom",
        "\uD83D\uDE00 emoji", "\u4E2D\u6587", "e\u0301", "back\\slash", "\"double\"", "?", "$1", "{\"a\": 1}"
    };
    private static final String[] MUTATION_TOKENS = {
        "'", "\"", "$$", "$a$", "/*", "*/", "--", ";", "(", ")", "\\", "E'", "\u0000", "\uD800", "\u202E", "\u200B",
        "\uFEFF", "\uD83D\uDE00", "?", "::", "[", "]", "ARRAY[", "SELECT", "WHERE", "OR", "AND", "NOT", "account_id",
        "= ANY(", "IN (", "UNION ALL", "\n", "\t", "\r", "/*/*", "$1", "COLLATE \"C\"", "LATERAL", "::text", "%"
    };

    private final SplittableRandom random;
    private final int maxListSize;
    private final int maxNesting;

    /**
     * @param seed        the same seed gives the same statements
     * @param maxListSize largest IN list and multi-row VALUES of the hostile statements
     * @param maxNesting  deepest parenthesis nesting of the hostile statements (a tenth of it for mutations);
     *                    huge lists and deep nesting are where JSqlParser's look-ahead grows fastest
     */
    public HostileSql(long seed, int maxListSize, int maxNesting) {
        this.random = new SplittableRandom(seed);
        this.maxListSize = maxListSize;
        this.maxNesting = Math.max(15, maxNesting);
    }

    /** A statement, and whether it is within the limits used for the oracle check (small IN lists, shallow). */
    public record Generated(String sql, boolean plannable) {
    }

    /** The next valid statement. */
    public Generated next() {
        hostile = random.nextInt(8) == 0;
        String sql = switch (random.nextInt(10)) {
            case 0, 1, 2 -> select();
            case 3 -> joinSelect();
            case 4 -> cteOrUnion();
            case 5 -> update();
            case 6 -> delete();
            case 7, 8 -> insert();
            default -> referenceOrStandard();
        };
        return new Generated(decorate(sql), !hostile);
    }

    /** A copy of {@code sql} with one to four random cuts, duplications, insertions and swaps. */
    public String mutate(String sql) {
        StringBuilder text = new StringBuilder(sql);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> text.setLength(at);
                case 1 -> text.insert(at, MUTATION_TOKENS[random.nextInt(MUTATION_TOKENS.length)]);
                case 2 -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(40));
                    text.delete(at, end);
                }
                case 3 -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(60));
                    text.insert(end, text.substring(at, end));
                }
                case 4 -> {
                    if (at + 1 < text.length()) {
                        char c = text.charAt(at);
                        text.setCharAt(at, text.charAt(at + 1));
                        text.setCharAt(at + 1, c);
                    }
                }
                case 5 -> text.insert(at, "(".repeat(1 + random.nextInt(maxNesting / 10)));
                default -> text.insert(at, ODD_TEXT[random.nextInt(ODD_TEXT.length)]);
            }
        }
        return text.toString();
    }

    /** A script of {@code count} statements ending in semicolons, as a migration file would hold them. */
    public String script(List<String> statements) {
        StringBuilder script = new StringBuilder();
        for (String statement : statements) {
            script.append(statement).append(random.nextBoolean() ? ";\n" : " ;\n\n-- next\n");
        }
        return script.toString();
    }

    // --- grammar ---------------------------------------------------------------------------------------------

    private boolean hostile;

    private record Table(String name, String alias, List<String> key, List<String> columns) {
    }

    private static final Table ACCOUNTS = new Table("accounts", "a", List.of("account_id"),
            List.of("account_id", "owner", "balance", "created_at"));
    private static final Table TRANSACTIONS = new Table("transactions", "t", List.of("account_id"),
            List.of("account_id", "transaction_id", "amount", "note"));
    private static final Table ORDERS = new Table("orders", "o", List.of("customer_id", "region"),
            List.of("customer_id", "region", "order_id", "total"));
    private static final Table[] SHARDED = {ACCOUNTS, TRANSACTIONS, ORDERS};

    private Table sharded() {
        return SHARDED[random.nextInt(SHARDED.length)];
    }

    private String select() {
        Table table = sharded();
        String columns = random.nextInt(4) == 0 ? "count(*)" : random.nextBoolean() ? "*" : columns(table);
        StringBuilder sql = new StringBuilder("SELECT" + SEP + columns + SEP + "FROM" + SEP + table.name() + SEP
                + table.alias());
        if (random.nextInt(8) != 0) {
            sql.append(SEP).append("WHERE").append(SEP).append(predicate(table, 0));
        }
        if (random.nextInt(4) == 0) {
            sql.append(SEP).append("ORDER BY").append(SEP).append(table.alias()).append('.').append(table.columns().get(0));
        }
        if (random.nextInt(4) == 0) {
            sql.append(SEP).append("LIMIT").append(SEP).append(1 + random.nextInt(100));
        }
        return sql.toString();
    }

    private String joinSelect() {
        String on = random.nextInt(5) == 0 ? "a.owner = t.note" : "a.account_id = t.account_id";
        String join = random.nextInt(6) == 0 ? "LEFT JOIN" : "JOIN";
        StringBuilder sql = new StringBuilder("SELECT" + SEP + "a.owner," + SEP + "t.amount" + SEP + "FROM" + SEP
                + "accounts a" + SEP + join + SEP + "transactions t" + SEP + "ON" + SEP + on);
        if (random.nextInt(3) == 0) {
            sql.append(SEP).append("JOIN").append(SEP).append("currencies c ON c.code = t.note");
        }
        Table filtered = random.nextBoolean() ? ACCOUNTS : TRANSACTIONS;
        sql.append(SEP).append("WHERE").append(SEP).append(predicate(filtered, 0));
        return sql.toString();
    }

    private String cteOrUnion() {
        if (random.nextBoolean()) {
            String inner = select();
            return "WITH" + SEP + "picked AS (" + SEP + inner + SEP + ")" + SEP + "SELECT * FROM picked";
        }
        Table table = sharded();
        return "SELECT" + SEP + columns(table) + SEP + "FROM " + table.name() + " " + table.alias() + SEP + "WHERE"
                + SEP + predicate(table, 0) + SEP + (random.nextBoolean() ? "UNION" : "UNION ALL") + SEP + "SELECT"
                + SEP + columns(table) + SEP + "FROM " + table.name() + " " + table.alias() + SEP + "WHERE" + SEP
                + predicate(table, 0);
    }

    private String update() {
        Table table = sharded();
        String column = random.nextInt(10) == 0 ? table.key().get(0) : table.columns().get(table.columns().size() - 1);
        String value = value(table, column);
        return "UPDATE" + SEP + table.name() + SEP + table.alias() + SEP + "SET" + SEP + column + " = " + value + SEP
                + "WHERE" + SEP + predicate(table, 0);
    }

    private String delete() {
        Table table = sharded();
        return "DELETE FROM" + SEP + table.name() + SEP + table.alias() + SEP + "WHERE" + SEP + predicate(table, 0);
    }

    private String insert() {
        Table table = sharded();
        List<String> columns = new ArrayList<>(table.columns());
        if (random.nextInt(10) == 0) {
            columns.remove(table.key().get(0));
        }
        if (random.nextInt(6) == 0) {
            return "INSERT INTO" + SEP + table.name() + SEP + "(" + String.join(", ", columns) + ")" + SEP + "SELECT"
                    + SEP + String.join(", ", columns) + SEP + "FROM " + table.name() + " " + table.alias() + SEP
                    + "WHERE" + SEP + predicate(table, 0);
        }
        int rows = hostile ? 1 + random.nextInt(maxListSize) : 1 + random.nextInt(random.nextInt(4) == 0 ? 6 : 1);
        StringBuilder sql = new StringBuilder("INSERT INTO" + SEP + table.name() + SEP + "(" + String.join("," + SEP, columns)
                + ")" + SEP + "VALUES" + SEP);
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "" : "," + SEP).append('(');
            for (int c = 0; c < columns.size(); c++) {
                sql.append(c == 0 ? "" : ", ").append(value(table, columns.get(c)));
            }
            sql.append(')');
        }
        if (random.nextInt(5) == 0) {
            sql.append(SEP).append("ON CONFLICT DO NOTHING");
        }
        return sql.toString();
    }

    private String referenceOrStandard() {
        return switch (random.nextInt(4)) {
            case 0 -> "SELECT" + SEP + "code, name FROM currencies WHERE code = " + text();
            case 1 -> "INSERT INTO audit_log (id, message) VALUES (" + number() + ", " + text() + ")";
            case 2 -> "SELECT" + SEP + "1";
            default -> "UPDATE currencies SET name = " + text() + " WHERE code = " + text();
        };
    }

    private String columns(Table table) {
        List<String> columns = new ArrayList<>();
        for (String column : table.columns()) {
            if (random.nextBoolean()) {
                columns.add(table.alias() + "." + column);
            }
        }
        return columns.isEmpty() ? table.alias() + "." + table.columns().get(0) : String.join("," + SEP, columns);
    }

    /** A WHERE condition on {@code table} (referred to by its alias). */
    private String predicate(Table table, int depth) {
        int choice = random.nextInt(depth > 3 ? 9 : 14);
        String predicate = switch (choice) {
            case 0, 1, 2 -> keyEquality(table);
            case 3 -> keyIn(table);
            case 4 -> keyRange(table);
            case 5 -> functionOnKey(table);
            case 6 -> nonKey(table);
            case 7 -> table.alias() + "." + table.key().get(0) + SEP + "IS NULL";
            case 8 -> keyAny(table);
            case 9, 10 -> "(" + SEP + predicate(table, depth + 1) + SEP + "AND" + SEP + predicate(table, depth + 1) + SEP + ")";
            case 11 -> "(" + SEP + predicate(table, depth + 1) + SEP + "OR" + SEP + predicate(table, depth + 1) + SEP + ")";
            case 12 -> "NOT" + SEP + "(" + predicate(table, depth + 1) + ")";
            default -> subquery(table, depth);
        };
        if (hostile && random.nextInt(3) == 0) {
            int nesting = 1 + random.nextInt(random.nextInt(10) == 0 ? maxNesting : maxNesting / 15);
            predicate = "(".repeat(nesting) + predicate + ")".repeat(nesting);
        }
        return predicate;
    }

    private String keyEquality(Table table) {
        StringBuilder conditions = new StringBuilder();
        for (int k = 0; k < table.key().size(); k++) {
            if (k > 0) {
                conditions.append(SEP).append("AND").append(SEP);
            }
            String column = table.alias() + "." + table.key().get(k);
            String value = value(table, table.key().get(k));
            conditions.append(random.nextInt(5) == 0 ? value + " = " + column : column + " = " + value);
        }
        if (table.key().size() > 1 && random.nextInt(4) == 0) {
            // only part of a composite key: not enough for one shard
            return table.alias() + "." + table.key().get(0) + " = " + number();
        }
        return conditions.toString();
    }

    private String keyIn(Table table) {
        String column = table.key().get(0);
        int size = hostile ? 1 + random.nextInt(maxListSize) : 1 + random.nextInt(6);
        StringBuilder list = new StringBuilder(table.alias() + "." + column + SEP + "IN" + SEP + "(");
        for (int i = 0; i < size; i++) {
            list.append(i == 0 ? "" : ", ").append(value(table, column));
        }
        list.append(')');
        if (table.key().size() > 1) {
            list.append(SEP).append("AND ").append(table.alias()).append(".region = ").append(region());
        }
        return list.toString();
    }

    private String keyAny(Table table) {
        String condition = table.alias() + "." + table.key().get(0) + " = ANY(ARRAY[" + number() + ", " + number() + "])";
        return table.key().size() > 1 ? condition + " AND " + table.alias() + ".region = " + region() : condition;
    }

    private String keyRange(Table table) {
        String column = table.alias() + "." + table.key().get(0);
        return switch (random.nextInt(3)) {
            case 0 -> column + " > " + number();
            case 1 -> column + " BETWEEN " + number() + " AND " + number();
            default -> column + " <> " + number();
        };
    }

    private String functionOnKey(Table table) {
        String column = table.alias() + "." + table.key().get(0);
        return switch (random.nextInt(3)) {
            case 0 -> "abs(" + column + ") = " + number();
            case 1 -> column + " + 0 = " + number();
            default -> column + "::text = '" + random.nextInt(1000) + "'";
        };
    }

    private String nonKey(Table table) {
        String column = table.columns().get(table.columns().size() - 1);
        return table.alias() + "." + column + " = " + value(table, column);
    }

    private String subquery(Table table, int depth) {
        if (table == ORDERS) {
            return "EXISTS (SELECT 1 FROM currencies c WHERE c.code = o.region)";
        }
        String inner = "SELECT account_id FROM transactions t2 WHERE" + SEP + predicate(TRANSACTIONS, depth + 1).replace("t.", "t2.");
        return table.alias() + ".account_id IN (" + SEP + inner + SEP + ")";
    }

    private String value(Table table, String column) {
        return switch (column) {
            case "owner", "note", "name", "code" -> text();
            case "region" -> region();
            case "created_at" -> "now()";
            default -> number();
        };
    }

    private String number() {
        return Long.toString(random.nextInt(5) == 0 ? random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L)
                : random.nextInt(1000));
    }

    private String region() {
        String[] regions = {"'eu'", "'us'", "'ap'", "'sa'"};
        return regions[random.nextInt(regions.length)];
    }

    private String text() {
        String body = random.nextInt(3) == 0 ? ODD_TEXT[random.nextInt(ODD_TEXT.length)] : "v" + random.nextInt(100);
        if (body.contains("\\") && random.nextBoolean()) {
            return "E'" + body.replace("\\", "\\\\").replace("'", "''") + "'";
        }
        if (random.nextInt(10) == 0) {
            return "$q$" + body + "$q$";
        }
        return "'" + body.replace("'", "''") + "'";
    }

    /** Replaces each token separator by a space, a newline, a block comment or a line comment. */
    private String decorate(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 32);
        int from = 0;
        int at;
        while ((at = sql.indexOf(SEP, from)) >= 0) {
            out.append(sql, from, at);
            int choice = random.nextInt(20);
            out.append(switch (choice) {
                case 0 -> " /* c; 'x' \"y\" $$ */ ";
                case 1 -> " -- line; 'comment\n";
                case 2 -> "\n\t";
                case 3 -> " /* outer /* nested */ still */ ";
                case 4 -> hostile ? " /* " + "\u202E\u200B\uD83D\uDE00".repeat(3) + " */ " : " ";
                default -> " ";
            });
            from = at + SEP.length();
        }
        out.append(sql.substring(from));
        return out.toString();
    }
}
