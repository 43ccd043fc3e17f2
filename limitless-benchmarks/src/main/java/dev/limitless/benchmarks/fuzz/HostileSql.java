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
 *
 * <p>One statement in three comes from the families of issue 13 ({@link #FAMILIES}): multi-statement texts whose
 * first statement is not DML, the hint in another statement than the scatter, hint-like comments that are not the
 * exact token, the hint inside literals, {@code --} comments ended by a carriage return, wrapper statements,
 * non-ASCII identifiers and dollar-quote tags, mistyped key literals, alias column lists, CTEs PostgreSQL does not
 * inline, outer joins to pinned derived tables, operators before an {@code OR} (JSON operators: issue 13, item 1)
 * and CTEs named like the sharded table a statement writes. Where the outcome is known by construction the statement is labelled {@link Generated#mustRefuse()};
 * the others are left to the planner oracle.
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
            "CREATE TABLE audit_log (id bigint PRIMARY KEY, message text)",
            "CREATE SEQUENCE fuzz_seq");

    /** The same tables as a shard catalog. */
    public static final String CATALOG = """
            tables:
              - name: accounts
                mode: sharded
                shardKey: [account_id]
                shardKeyTypes: [bigint]
              - name: transactions
                mode: sharded
                shardKey: [account_id]
                shardKeyTypes: [bigint]
                collocateWith: accounts
              - name: orders
                mode: sharded
                shardKey: [customer_id, region]
                shardKeyTypes: [bigint, text]
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

    /**
     * A statement with what is known about it.
     *
     * @param sql          the text
     * @param plannable    whether PostgreSQL can plan it as one statement (EXPLAIN) within the oracle's limits
     *                     (small IN lists, shallow nesting)
     * @param family       {@link #GRAMMAR} for the random grammar, else one of {@link #FAMILIES}
     * @param mustRefuse   known by construction to run on every shard of a sharded table (or to be a must-refuse
     *                     wrapper or multi-statement text) without the exact hint in that statement: the guard's
     *                     defaults must refuse it
     * @param scatterPart  for a labelled text, one statement PostgreSQL can plan whose scatter the label rests on
     *                     (the oracle confirms the label), or {@code null}
     * @param statements   how many statements PostgreSQL reads in the text, or 0 when that depends on the session
     *                     ({@code standard_conforming_strings})
     */
    public record Generated(String sql, boolean plannable, String family, boolean mustRefuse, String scatterPart,
                            int statements) {
    }

    /** The family of statements from the random grammar. */
    public static final String GRAMMAR = "grammar";

    /** The families of issue 13, one method each below; one statement in three comes from one of them. */
    public static final List<String> FAMILIES = List.of("multi-statement", "hint-elsewhere", "fake-hint",
            "hint-in-literal", "cr-comment", "wrapper", "non-ascii", "typed-literal", "alias-columns", "volatile-cte",
            "outer-join", "operator-precedence", "cte-shadow");

    /**
     * Statements the fuzzer found the guard wrong on (docs/reliability.md, "What the fuzzer found"): every run
     * judges them first, unmutated, before the generated ones.
     */
    public static final List<Generated> FOUND = List.of(
            // U&"..." UESCAPE: the lexer does not decode the identifier, no sharded table is seen, UNKNOWN is allowed
            foundScatter("non-ascii", "SELECT * FROM U&\"!006Frders\" UESCAPE '!'"),
            foundScatter("non-ascii", "DELETE FROM U&\"!006Frders\" UESCAPE '!' WHERE total > 0"),
            foundScatter("non-ascii", "SELECT * FROM U&\"!0061ccounts\" UESCAPE '!' WHERE balance > 0"),
            // text = name is no operator of the text key's hash family: PostgreSQL prunes nothing, the guard pins
            foundScatter("typed-literal", "SELECT * FROM orders WHERE customer_id = 1 AND region = 'eu'::name"),
            foundScatter("typed-literal", "UPDATE orders SET total = 0 WHERE customer_id = 1 AND region = 'eu'::name"),
            foundScatter("typed-literal", "SELECT * FROM orders WHERE customer_id = 1 AND region = CAST('eu' AS name)"),
            foundScatter("typed-literal", "SELECT * FROM orders WHERE customer_id = 1 AND region = 'eu'::name::varchar"),
            foundScatter("typed-literal", "SELECT * FROM orders WHERE customer_id = 1 AND region = ANY(ARRAY['eu'::name])"),
            // a JSON operator followed by "= ... OR ...": the OR is lost, the statement is SINGLE_SHARD (issue 13, item 1)
            foundScatter("operator-precedence", "SELECT * FROM accounts WHERE account_id = 1 AND owner::jsonb ->> 'x' = 'y' OR true"),
            foundScatter("operator-precedence", "DELETE FROM accounts WHERE account_id = 1 AND owner::jsonb ->> 'x' = 'y' OR true"),
            foundScatter("operator-precedence", "UPDATE transactions SET amount = 0 WHERE account_id = 1 AND note::jsonb ->> 'x' = 'y'"
                    + " OR amount > 0"),
            foundScatter("operator-precedence", "SELECT * FROM accounts WHERE account_id = 1 AND owner::jsonb #> '{a}' = '1'::jsonb"
                    + " OR true"),
            foundScatter("operator-precedence", "SELECT * FROM accounts WHERE account_id = 1 AND owner::jsonb ->> 'x' IS NULL OR true"),
            foundScatter("operator-precedence", "SELECT * FROM accounts a JOIN transactions t ON t.account_id = a.account_id"
                    + " AND t.note::jsonb ->> 'x' = 'y' OR true WHERE a.account_id = 1"),
            // SINGLE_SHARD, but PostgreSQL reads two shards
            new Generated("SELECT * FROM accounts WHERE account_id = 1 AND owner::jsonb ->> 'x' = 'y' OR account_id = 2", true,
                    "operator-precedence", false, null, 1),
            // a CTE never names the target of DELETE, UPDATE or INSERT: the guard takes the target for the CTE
            foundScatter("cte-shadow", "WITH orders AS (SELECT 1) DELETE FROM orders WHERE total > 0"),
            foundScatter("cte-shadow", "WITH orders AS (SELECT 1 AS x) UPDATE orders SET total = 0"),
            foundScatter("cte-shadow", "WITH transactions AS (SELECT 1 AS x) DELETE FROM transactions USING accounts a"
                    + " WHERE a.account_id = 1"));

    private static Generated foundScatter(String family, String sql) {
        return new Generated(sql, true, family, true, sql, 1);
    }

    /** The next valid statement. */
    public Generated next() {
        if (random.nextInt(3) == 0) {
            hostile = false;
            return family(FAMILIES.get(random.nextInt(FAMILIES.size())));
        }
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
        return new Generated(decorate(sql), !hostile, GRAMMAR, false, null, 1);
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

    // --- the families of issue 13 ---------------------------------------------------------------------------

    private static final String HINT = "/* limitless:allow-scatter */";
    private static final String[] FAKE_HINTS = {
        "/* do not add limitless:allow-scatter here */", "/* limitless:allow-scatter-please */",
        "/* limitless:allow_scatter */", "/* limitless: allow-scatter */", "/* limitless-allow-scatter */",
        "/* not limitless:allow-scatter */", "/* xlimitless:allow-scatter */", "/*+ limitless:allow-scatter */",
        "/* limitless:allow-scatter\u200B */", "/* limitless:allow-scatter; */", "-- limitless:allow-scatter\n",
        "-- /* limitless:allow-scatter */\n", "--/* limitless:allow-scatter */\r\n"
    };
    private static final String[] NON_DML_FIRST = {
        "BEGIN", "START TRANSACTION ISOLATION LEVEL REPEATABLE READ", "SET search_path = public",
        "SET LOCAL statement_timeout = 1000", "SHOW search_path", "SELECT 1", "SAVEPOINT s1",
        "SET application_name = 'a;b'", "RESET ALL", "LOCK TABLE audit_log", "/* c; */ BEGIN", "COMMIT",
        "SET standard_conforming_strings = on", "VALUES (1)", "DISCARD PLANS"
    };
    private static final String[] LAST = {"COMMIT", "ROLLBACK", "SELECT 1", "END", "SHOW search_path"};
    private static final String[] SEPARATORS = {";", "; ", ";\n", ";\r\n", " ;\t", ";\r"};
    private static final String[] DOLLAR_TAGS = {"$$", "$h$", "$\u20AC$", "$\u00FC_1$", "$\u65E5\u672C$", "$\u00E9t\u00E9$"};

    /** A statement of one family of issue 13. */
    Generated family(String family) {
        return switch (family) {
            case "multi-statement" -> multiStatement();
            case "hint-elsewhere" -> hintElsewhere();
            case "fake-hint" -> fakeHint();
            case "hint-in-literal" -> hintInLiteral();
            case "cr-comment" -> crComment();
            case "wrapper" -> wrapper();
            case "non-ascii" -> nonAscii();
            case "typed-literal" -> typedLiteral();
            case "alias-columns" -> aliasColumns();
            case "volatile-cte" -> volatileCte();
            case "outer-join" -> outerJoin();
            case "operator-precedence" -> operatorPrecedence();
            case "cte-shadow" -> cteShadow();
            default -> throw new IllegalArgumentException("no family " + family);
        };
    }

    private int key() {
        return random.nextInt(1000);
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A SELECT that PostgreSQL runs on every shard of a sharded table; it ends in a WHERE condition. */
    private String scatterSelect() {
        int n = key();
        return switch (random.nextInt(5)) {
            case 0 -> "SELECT * FROM accounts WHERE balance > " + n;
            case 1 -> "SELECT count(*) FROM transactions WHERE amount > " + n;
            case 2 -> "SELECT o.order_id FROM orders o WHERE o.customer_id = " + n;
            case 3 -> "SELECT a.owner FROM accounts a JOIN transactions t ON a.owner = t.note WHERE t.account_id = " + n;
            default -> "SELECT * FROM transactions WHERE account_id > " + n;
        };
    }

    /** An UPDATE or DELETE that PostgreSQL runs on every shard of a sharded table; it ends in a WHERE condition. */
    private String scatterWrite() {
        int n = key();
        return switch (random.nextInt(4)) {
            case 0 -> "DELETE FROM orders WHERE total < " + n;
            case 1 -> "UPDATE accounts SET balance = balance + 1 WHERE owner = 'v" + n + "'";
            case 2 -> "DELETE FROM transactions WHERE account_id <> " + n;
            default -> "UPDATE orders SET total = 0 WHERE region = 'eu' AND total > " + n;
        };
    }

    private String scatter() {
        return random.nextBoolean() ? scatterSelect() : scatterWrite();
    }

    /** A statement PostgreSQL runs on one shard; it ends in its key condition. */
    private String pinned() {
        int n = key();
        return switch (random.nextInt(3)) {
            case 0 -> "SELECT * FROM accounts WHERE account_id = " + n;
            case 1 -> "UPDATE transactions SET amount = 1 WHERE account_id = " + n;
            default -> "DELETE FROM orders WHERE customer_id = " + n + " AND region = 'eu'";
        };
    }

    private static String afterFirstWord(String sql, String insert) {
        int space = sql.indexOf(' ');
        return sql.substring(0, space) + " " + insert + " " + sql.substring(space + 1);
    }

    private Generated labelled(String family, String sql, boolean plannable, String scatterPart) {
        return new Generated(sql, plannable, family, true, scatterPart, 1);
    }

    /** A must-refuse text of several statements: PostgreSQL cannot EXPLAIN it, the label rests on {@code scatterPart}. */
    private Generated several(String family, String sql, int statements, String scatterPart) {
        return new Generated(sql, false, family, true, scatterPart, statements);
    }

    private Generated unlabelled(String family, String sql) {
        return new Generated(sql, true, family, false, null, 1);
    }

    /** BEGIN; scatter; COMMIT and the like: the first statement is not DML. */
    private Generated multiStatement() {
        String scatter = scatter();
        String first = random.nextInt(6) == 0 ? pinned() : pick(NON_DML_FIRST);
        StringBuilder sql = new StringBuilder(first).append(pick(SEPARATORS)).append(scatter);
        int statements = 2;
        if (random.nextInt(4) != 0) {
            sql.append(pick(SEPARATORS)).append(pick(LAST));
            statements++;
        }
        if (random.nextBoolean()) {
            sql.append(';');
        }
        return several("multi-statement", sql.toString(), statements, scatter);
    }

    /** The exact hint, but in another statement of the text than the scatter. */
    private Generated hintElsewhere() {
        String scatter = scatter();
        return switch (random.nextInt(5)) {
            case 0 -> several("hint-elsewhere", "SELECT 1 " + HINT + "; " + scatter, 2, scatter);
            case 1 -> several("hint-elsewhere", scatter + "; SELECT " + HINT + " 1", 2, scatter);
            case 2 -> several("hint-elsewhere", "BEGIN " + HINT + "; " + scatter + "; COMMIT", 3, scatter);
            case 3 -> several("hint-elsewhere", afterFirstWord(pinned(), HINT) + ";\n" + scatter, 2, scatter);
            default -> several("hint-elsewhere", HINT + " SELECT 1;" + scatter + ";" + HINT, 2, scatter);
        };
    }

    /** A comment that looks like the hint but is not the exact token. */
    private Generated fakeHint() {
        String scatter = scatter();
        String fake = pick(FAKE_HINTS);
        String sql = random.nextBoolean() ? afterFirstWord(scatter, fake) : scatter + " " + fake.strip();
        return labelled("fake-hint", sql, true, sql);
    }

    /** The hint inside a string literal, a dollar quote or a quoted identifier. */
    private Generated hintInLiteral() {
        String scatter = scatter();
        String literal = switch (random.nextInt(6)) {
            case 0 -> "'" + HINT + "'";
            case 1 -> {
                String tag = pick(DOLLAR_TAGS);
                yield tag + " " + HINT + " " + tag;
            }
            case 2 -> "E'\\' " + HINT + " '";
            case 3 -> "U&'" + HINT + "'";
            case 4 -> "'it''s " + HINT + "'";
            default -> null;
        };
        if (random.nextInt(5) == 0) {
            // with standard_conforming_strings off, 'x\' ... ' is one string holding the "hint"; with it on, the
            // text does not parse: the guard must not take the hint either way
            String sql = (random.nextBoolean() ? "SET standard_conforming_strings = off; " : "")
                    + "SELECT 'x\\' " + HINT + " ', * FROM accounts WHERE balance > " + key();
            return several("hint-in-literal", sql, 0, "SELECT * FROM accounts WHERE balance > 0");
        }
        if (literal == null) {
            String sql = scatter.startsWith("SELECT")
                    ? "SELECT 1 AS \"" + HINT + "\", " + scatter.substring("SELECT ".length())
                    : scatter + " AND 1 = 1 " + "-- " + HINT;
            return labelled("hint-in-literal", sql, true, sql);
        }
        String sql = scatter + " AND " + literal + " IS NOT NULL";
        return labelled("hint-in-literal", sql, true, sql);
    }

    /** A -- comment ended by a carriage return, as PostgreSQL ends it: what follows is SQL. */
    private Generated crComment() {
        String pinned = pinned();
        return switch (random.nextInt(4)) {
            case 0, 1 -> {
                String sql = pinned + " -- c" + pick("\r", "\r\r", "\r\t") + pick("OR true", "OR 1 = 1", " OR 0 < 1");
                yield labelled("cr-comment", sql, true, sql);
            }
            case 2 -> {
                String scatter = scatterWrite();
                yield several("cr-comment", pinned + " -- x\r; " + scatter, 2, scatter);
            }
            default -> {
                String sql = "SELECT * FROM accounts WHERE account_id = " + key() + " -- " + HINT + "\rOR balance > 0";
                yield labelled("cr-comment", sql, true, sql);
            }
        };
    }

    /** Statements that wrap a query or act on a whole table: EXPLAIN ANALYZE, COPY, CREATE ... AS, PREPARE, ... */
    private Generated wrapper() {
        String select = scatterSelect();
        String any = scatter();
        int n = key();
        return switch (random.nextInt(14)) {
            case 0 -> labelled("wrapper", pick("EXPLAIN ANALYZE ", "EXPLAIN ANALYSE ", "explain analyze verbose ",
                    "EXPLAIN (ANALYZE) ", "EXPLAIN (ANALYZE true, BUFFERS) ", "EXPLAIN (COSTS off, ANALYZE on) ",
                    "EXPLAIN (FORMAT json, ANALYZE) ") + any, false, any);
            case 1 -> labelled("wrapper", "COPY (" + select + ") TO STDOUT" + pick("", " WITH (FORMAT csv)"), false, select);
            case 2 -> labelled("wrapper", "COPY (" + scatterWrite() + " RETURNING *) TO STDOUT", false, null);
            case 3 -> labelled("wrapper", pick("CREATE TABLE ", "CREATE TEMP TABLE ", "CREATE UNLOGGED TABLE IF NOT EXISTS ")
                    + "fuzz_ctas_" + n + " AS " + select, false, select);
            case 4 -> labelled("wrapper", "CREATE MATERIALIZED VIEW fuzz_mv_" + n + " AS " + select, false, select);
            case 5 -> labelled("wrapper", "SELECT * INTO fuzz_into_" + n + " FROM accounts WHERE balance > " + n, false,
                    "SELECT * FROM accounts WHERE balance > " + n);
            case 6 -> labelled("wrapper", "PREPARE fuzz_p_" + n + " AS " + any, false, any);
            case 7 -> labelled("wrapper", "DECLARE fuzz_c_" + n + pick(" CURSOR FOR ", " NO SCROLL CURSOR WITH HOLD FOR ",
                    " BINARY CURSOR WITHOUT HOLD FOR ") + select, false, select);
            case 8 -> labelled("wrapper", pick("TRUNCATE orders", "TRUNCATE TABLE accounts, transactions",
                    "TRUNCATE ONLY transactions", "TRUNCATE public.orders RESTART IDENTITY CASCADE", "truncate \"orders\"",
                    "TRUNCATE audit_log, accounts"), false, null);
            case 9 -> labelled("wrapper", pick("COPY accounts TO STDOUT", "COPY transactions (account_id) TO STDOUT",
                    "COPY public.orders TO STDOUT WITH (FORMAT binary)"), false, null);
            case 10 -> {
                String write = scatterWrite();
                String sql = "WITH d AS (" + write + " RETURNING 1) SELECT count(*) FROM d";
                yield labelled("wrapper", sql, true, sql);
            }
            case 11 -> labelled("wrapper", "EXPLAIN ANALYZE " + afterFirstWord(any, pick(FAKE_HINTS)), false, any);
            case 12 -> several("wrapper", "BEGIN; DECLARE fuzz_c CURSOR FOR " + select + "; FETCH 10 FROM fuzz_c; COMMIT",
                    4, select);
            default -> new Generated("EXPLAIN " + any, false, "wrapper", false, null, 1); // plans, runs nothing
        };
    }

    /** Non-ASCII identifiers and dollar-quote tags. */
    private Generated nonAscii() {
        int n = key();
        String scatter = scatter();
        return switch (random.nextInt(7)) {
            case 6 -> {
                // U&"..." identifiers, with the default escape and with UESCAPE
                String table = pick("U&\"\\006Frders\"", "U&\"ord\\0065rs\"", "U&\"\\+00006Frders\"",
                        "U&\"!006Frders\" UESCAPE '!'", "U&\"ord#0065rs\" UESCAPE '#'", "u&\"\\006frders\"");
                String sql = pick("SELECT * FROM " + table + " WHERE total > " + n, "DELETE FROM " + table + " WHERE total < " + n,
                        "SELECT count(*) FROM " + table + " o WHERE o.customer_id = " + n);
                yield labelled("non-ascii", sql, true, sql);
            }
            case 0 -> several("non-ascii", "SELECT 1 AS " + pick("\u20AC$x$", "\u00FC$q$", "x\u00E9$$") + "; " + scatter
                    + "; SELECT 1 AS " + pick("\u20AC$x$", "\u00FC$q$"), 3, scatter);
            case 1 -> {
                String tag = pick(DOLLAR_TAGS);
                String sql = "SELECT " + tag + " " + HINT + " " + tag + " AS h, * FROM accounts WHERE balance > " + n;
                yield labelled("non-ascii", sql, true, sql);
            }
            case 2 -> unlabelled("non-ascii", pick("SELECT * FROM accounts \u00FCber WHERE \u00FCber.account_id = ",
                    "SELECT * FROM accounts AS \"\u00C4\" WHERE \"\u00C4\".account_id = ",
                    "UPDATE transactions \u65E5 SET amount = 1 WHERE \u65E5.account_id = ") + n);
            case 3 -> {
                String sql = pick("SELECT * FROM accounts \u00FCber WHERE \u00FCber.balance > ",
                        "SELECT * FROM accounts AS \"\u00C4\" WHERE \"\u00C4\".balance > ",
                        "DELETE FROM transactions \u65E5 WHERE \u65E5.amount > ") + n;
                yield labelled("non-ascii", sql, true, sql);
            }
            case 4 -> {
                String tag = pick(DOLLAR_TAGS);
                String sql = "SELECT * FROM accounts WHERE account_id = " + n + " OR owner = " + tag + "x" + tag;
                yield labelled("non-ascii", sql, true, sql);
            }
            default -> {
                // a $ that continues an identifier starts no dollar quote: the DELETE is a statement of its own
                String sql = "SELECT 1 AS a\u20AC$; " + scatter + "; SELECT 2 AS b\u20AC$";
                yield several("non-ascii", sql, 3, scatter);
            }
        };
    }

    /** Key values of a type that makes PostgreSQL cast the column (and prune nothing), and ones that do not. */
    private Generated typedLiteral() {
        int n = 1 + key();
        boolean bad = random.nextInt(3) != 0;
        String value = bad
                ? pick(n + ".0", "1e" + (n % 10), n + "::numeric", n + "::double precision", "CAST(" + n + " AS numeric)",
                        n + "::float8", "'" + n + "'::numeric", "99999999999999999999", "-99999999999999999999", n + "::real",
                        n + ".5", "+" + n + ".0", "- " + n + ".0", n + " * 1.0", "2 ^ " + (n % 10), n + " / 2.0",
                        "9223372036854775808", n + "::decimal", n + "e0")
                : pick(Integer.toString(n), "'" + n + "'", n + "::int", n + "::bigint", "CAST(" + n + " AS bigint)",
                        n + "::smallint", "(" + n + " + 1)", "'" + n + "'::bigint", n + " / 2", "0x" + Integer.toHexString(n),
                        n + ".0::bigint", "2147483648", "-" + n);
        if (random.nextInt(4) == 0) {
            // the text key of orders: 'eu'::name casts the column (no text = name in its hash family)
            boolean badRegion = random.nextInt(3) == 0;
            String region = badRegion ? pick("'eu'::name", "'eu'::name::text::name", "name 'eu'", "CAST('eu' AS name)",
                    "'eu'::name::varchar")
                    : pick("'eu'", "E'eu'", "'eu'::text", "'eu'::varchar", "'eu'::char(2)", "'eu'::bpchar",
                            "U&'\\0065u'", "$$eu$$", "'e' || 'u'", "'eu' COLLATE \"C\"");
            String sql = pick("SELECT * FROM orders WHERE customer_id = " + n + " AND region = " + region,
                    "DELETE FROM orders WHERE region = " + region + " AND customer_id = " + n);
            return badRegion ? labelled("typed-literal", sql, true, sql) : unlabelled("typed-literal", sql);
        }
        String sql = switch (random.nextInt(6)) {
            case 0 -> "SELECT * FROM accounts WHERE account_id = " + value;
            case 1 -> "SELECT * FROM transactions t WHERE t.account_id = " + value;
            case 2 -> "UPDATE accounts SET balance = 0 WHERE account_id = " + value;
            case 3 -> "DELETE FROM transactions WHERE account_id = " + value;
            case 4 -> "SELECT * FROM orders WHERE customer_id = " + value + " AND region = 'eu'";
            default -> "UPDATE orders SET total = 1 WHERE region = 'us' AND customer_id = " + value;
        };
        return bad ? labelled("typed-literal", sql, true, sql) : unlabelled("typed-literal", sql);
    }

    /** Alias column lists rename columns by position: a column called like the key is not the key. */
    private Generated aliasColumns() {
        int n = key();
        return switch (random.nextInt(7)) {
            case 0 -> labelled("alias-columns", "SELECT * FROM transactions AS t(transaction_id, account_id) WHERE t.account_id = " + n);
            case 1 -> labelled("alias-columns", "SELECT * FROM accounts AS a(owner, account_id) WHERE a.account_id = 'v" + n + "'");
            case 2 -> labelled("alias-columns", "SELECT * FROM (SELECT transaction_id, account_id FROM transactions) AS d(account_id, x)"
                    + " WHERE d.account_id = " + n);
            case 3 -> labelled("alias-columns", "WITH w(account_id, x) AS (SELECT transaction_id, account_id FROM transactions)"
                    + " SELECT * FROM w WHERE account_id = " + n);
            case 4 -> labelled("alias-columns", "SELECT * FROM transactions AS t(transaction_id, account_id) JOIN accounts a"
                    + " USING (account_id) WHERE a.account_id = " + n);
            case 5 -> unlabelled("alias-columns", "SELECT * FROM accounts AS a(account_id, owner) WHERE a.account_id = " + n);
            default -> unlabelled("alias-columns", "SELECT * FROM transactions AS t(x, y) WHERE t.x = " + n);
        };
    }

    private Generated labelled(String family, String plannableSql) {
        return labelled(family, plannableSql, true, plannableSql);
    }

    /** CTEs PostgreSQL does not inline (volatile functions, FOR UPDATE, MATERIALIZED, named twice) and ones it does. */
    private Generated volatileCte() {
        int n = key();
        String outer = " SELECT * FROM x WHERE account_id = " + n;
        return switch (random.nextInt(10)) {
            case 0 -> labelled("volatile-cte", "WITH x AS (SELECT * FROM accounts WHERE balance > random())" + outer);
            case 1 -> labelled("volatile-cte", "WITH x AS (SELECT *, random() AS r FROM accounts)" + outer);
            case 2 -> labelled("volatile-cte", "WITH x AS (SELECT *, nextval('fuzz_seq') AS n FROM accounts)" + outer);
            case 3 -> labelled("volatile-cte", "WITH x AS (SELECT * FROM accounts ORDER BY random())" + outer);
            case 4 -> labelled("volatile-cte", "WITH x AS MATERIALIZED (SELECT * FROM transactions)" + outer);
            case 5 -> labelled("volatile-cte", "WITH x AS (SELECT * FROM accounts) SELECT * FROM x a JOIN x b"
                    + " ON a.account_id = b.account_id WHERE a.account_id = " + n);
            case 6 -> unlabelled("volatile-cte", "WITH x AS (SELECT * FROM accounts FOR UPDATE)" + outer);
            case 7 -> unlabelled("volatile-cte", "WITH x AS " + pick("", "NOT MATERIALIZED ") + "(SELECT * FROM accounts)" + outer);
            case 8 -> unlabelled("volatile-cte", "SELECT * FROM (SELECT *, random() AS r FROM accounts) x WHERE x.account_id = " + n);
            default -> unlabelled("volatile-cte", "WITH x AS (SELECT * FROM transactions WHERE account_id = " + n
                    + " FOR UPDATE) SELECT * FROM x");
        };
    }

    private static final String[] OPERATOR_CONDITIONS = {
        "owner::jsonb ->> 'x' = 'y'", "owner::jsonb -> 'x' = '1'::jsonb", "owner::jsonb #>> '{a}' = 'y'",
        "owner::json->>'x' = 'y'", "owner::jsonb #> '{a}' = '1'::jsonb", "owner::jsonb @> '{}'",
        "owner::jsonb - 'a' = '{}'", "owner ~~ 'x'", "owner !~ 'x'", "owner ~* 'x'", "owner ^@ 'x'", "owner || 'x' = 'y'",
        "ARRAY[balance] && ARRAY[1::bigint]", "balance # 1 = 0", "balance >> 1 = 0", "balance % 2 = 0",
        "owner SIMILAR TO 'x' ESCAPE '!'", "owner IS DISTINCT FROM 'x'", "balance BETWEEN SYMMETRIC 1 AND 2",
        "created_at AT TIME ZONE 'UTC' > now()", "NOT balance > 0", "balance IN (1, 2)", "owner = 'a' COLLATE \"C\"",
        "owner ILIKE 'x' ESCAPE '#'", "position('a' in owner) > 0", "substring(owner from 1 for 2) = 'ab'",
        "extract(year from created_at) = 2020", "owner = ANY('{a,b}')", "account_id OPERATOR(pg_catalog.=) 1",
        "owner::jsonb -> 0 -> 'a' IS NULL", "owner::jsonb -> 'a' ->> 'b' = 'c'", "owner::jsonb ->> 'x' IN ('a', 'b')",
        "owner::jsonb ->> 'x' IS NULL", "owner::jsonb ->> 'x' LIKE 'a%'", "(owner::jsonb)['a'] = '1'",
        "owner IS JSON", "json_extract_path_text(owner::json, 'a') = 'y'"
    };

    /**
     * {@code key = v AND <condition> OR <anything>}: PostgreSQL reads {@code (key = v AND ...) OR ...} and prunes
     * nothing; a parser that lets the condition's operator swallow the OR sees a pinned statement.
     */
    private Generated operatorPrecedence() {
        int n = key();
        String condition = pick(OPERATOR_CONDITIONS);
        if (random.nextInt(5) == 0) {
            // two shards in PostgreSQL: not a scatter, but no SINGLE_SHARD either (the oracle judges)
            return unlabelled("operator-precedence", "SELECT * FROM accounts WHERE account_id = " + n + " AND " + condition
                    + " OR account_id = " + (n + 1));
        }
        String or = pick("OR true", "OR balance > 0", "OR owner = 'x'");
        if (random.nextInt(5) == 0) {
            return labelled("operator-precedence", "SELECT * FROM transactions t JOIN accounts a ON a.account_id = t.account_id AND "
                    + condition.replace("account_id", "a.account_id") + " " + or + " WHERE t.account_id = " + n);
        }
        String sql = pick("SELECT * FROM accounts WHERE account_id = ", "DELETE FROM accounts WHERE account_id = ",
                "UPDATE accounts SET balance = 0 WHERE account_id = ") + n + " AND " + condition + " " + or;
        return labelled("operator-precedence", sql);
    }

    /** A CTE named like a sharded table: it shadows the table in FROM, never as the target of a write. */
    private Generated cteShadow() {
        int n = key();
        return switch (random.nextInt(6)) {
            case 0 -> labelled("cte-shadow", "WITH orders AS (SELECT 1 AS x) DELETE FROM orders WHERE total > " + n);
            case 1 -> labelled("cte-shadow", "WITH accounts AS (SELECT " + n + " AS account_id) UPDATE accounts SET balance = 0");
            case 2 -> labelled("cte-shadow", "WITH transactions AS (SELECT 1 AS x) DELETE FROM transactions USING accounts a"
                    + " WHERE a.account_id = " + n);
            case 3 -> labelled("cte-shadow", "WITH accounts AS (SELECT 1 AS x) SELECT * FROM public.accounts WHERE balance > " + n);
            case 4 -> labelled("cte-shadow", "WITH transactions AS (SELECT " + n + " AS account_id) UPDATE transactions t"
                    + " SET amount = 0 FROM transactions x WHERE x.account_id = t.amount");
            default -> unlabelled("cte-shadow", "WITH accounts AS (SELECT " + n + " AS account_id) SELECT * FROM accounts");
        };
    }

    /** Outer joins to pinned derived tables and CTEs: the pin does not reach the preserved side. */
    private Generated outerJoin() {
        int n = key();
        String pinnedTransactions = "(SELECT * FROM transactions WHERE account_id = " + n + ")";
        return switch (random.nextInt(8)) {
            case 0 -> labelled("outer-join", "SELECT * FROM accounts a LEFT JOIN " + pinnedTransactions
                    + " t ON t.account_id = a.account_id");
            case 1 -> labelled("outer-join", "WITH t AS " + pinnedTransactions
                    + " SELECT * FROM accounts a LEFT JOIN t ON t.account_id = a.account_id");
            case 2 -> labelled("outer-join", "SELECT * FROM (SELECT * FROM accounts WHERE account_id = " + n
                    + ") a RIGHT JOIN transactions t ON t.account_id = a.account_id");
            case 3 -> labelled("outer-join", "SELECT * FROM accounts a FULL JOIN " + pinnedTransactions
                    + " t ON t.account_id = a.account_id");
            case 4 -> labelled("outer-join", "SELECT * FROM accounts a LEFT JOIN transactions t ON t.account_id = a.account_id"
                    + " AND t.account_id = " + n);
            case 5 -> unlabelled("outer-join", "SELECT * FROM accounts a LEFT JOIN " + pinnedTransactions
                    + " t ON t.account_id = a.account_id WHERE t.amount > 0");
            case 6 -> unlabelled("outer-join", "SELECT * FROM accounts a LEFT JOIN " + pinnedTransactions
                    + " t ON t.account_id = a.account_id WHERE a.account_id = " + n);
            default -> unlabelled("outer-join", "SELECT * FROM accounts a LEFT JOIN LATERAL (SELECT * FROM transactions"
                    + " WHERE account_id = a.account_id) t ON true WHERE a.account_id = " + n);
        };
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
