package dev.limitless.pinning.internal;

import dev.limitless.pinning.PinningReason;
import dev.limitless.pinning.PinningRisks;
import dev.limitless.sql.internal.SqlTokens;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Finds what in a SQL text pins an RDS Proxy session (the PostgreSQL causes of AWS's "Avoiding pinning" page):
 * {@code SET}/{@code RESET}/{@code set_config}, {@code PREPARE}/{@code EXECUTE}/{@code DEALLOCATE},
 * {@code DISCARD}, temporary tables, views and sequences, {@code DECLARE} cursors, {@code LISTEN}, {@code LOAD},
 * {@code nextval}/{@code setval} in the text, session advisory locks and texts over 16 KB.
 *
 * <p>Not pinning: {@code SET LOCAL}, {@code SET TRANSACTION} and {@code set_config(.., .., true)} inside an
 * explicit transaction (reported as {@link PinningRisks#transactionScopedSet()}), the {@code _xact_} advisory
 * locks, {@code NOTIFY}, functions in general, and anything inside string literals, quoted identifiers or comments.
 *
 * <p>Meant to run once per distinct SQL text (cache the result next to the statement's analysis). Thread-safe.
 */
public final class PinningClassifier {

    private static final Set<String> SESSION_ADVISORY_LOCKS = Set.of("pg_advisory_lock", "pg_advisory_lock_shared",
            "pg_try_advisory_lock", "pg_try_advisory_lock_shared");
    /** They do not pin, but Aurora Limitless refuses them like the session ones. */
    private static final Set<String> TRANSACTION_ADVISORY_LOCKS = Set.of("pg_advisory_xact_lock",
            "pg_advisory_xact_lock_shared", "pg_try_advisory_xact_lock", "pg_try_advisory_xact_lock_shared");

    /** Every function whose call adds a pinning reason or a flag: a plain DML text that calls none of them pins nothing. */
    private static final Set<String> CALLS_THAT_COUNT;

    static {
        Set<String> calls = new java.util.HashSet<>(Set.of("nextval", "setval", "set_config"));
        calls.addAll(SESSION_ADVISORY_LOCKS);
        calls.addAll(TRANSACTION_ADVISORY_LOCKS);
        CALLS_THAT_COUNT = Set.copyOf(calls);
    }

    private PinningClassifier() {
    }

    /** Classifies a SQL text with a lexical scan that ignores strings, quoted identifiers and comments. */
    public static PinningRisks classify(String sql) {
        return classify(sql, null);
    }

    /**
     * Classifies a SQL text, reusing a JSqlParser parse of it when there is one.
     *
     * @param sql the statement as sent to the driver
     * @param parsed the text's JSqlParser statement, or {@code null} when it was not parsed or the parse failed;
     *     a plain {@code SELECT}/{@code INSERT}/{@code UPDATE}/{@code DELETE} then skips the command checks
     *     (only function calls and the size can pin it)
     */
    public static PinningRisks classify(String sql, Statement parsed) {
        return classify(sql, parsed, SqlTokens.of(sql));
    }

    /** As {@link #classify(String, Statement)}, with the text's tokens already read by the one lexer. */
    public static PinningRisks classify(String sql, Statement parsed, List<SqlTokens.Token> lexed) {
        EnumSet<PinningReason> reasons = EnumSet.noneOf(PinningReason.class);
        if (isLarge(sql)) {
            reasons.add(PinningReason.LARGE_STATEMENT);
        }
        boolean commandsPossible = parsed == null || !isPlainDml(parsed);
        if (!commandsPossible && !callsOneThatCounts(lexed)) {
            // a plain SELECT, INSERT, UPDATE or DELETE: only function calls could pin it, and it makes none that do
            return reasons.isEmpty() ? PinningRisks.NONE : new PinningRisks(reasons, false, false);
        }
        List<String> tokens = LexicalTokens.of(lexed);
        boolean transactionScopedSet = false;
        boolean transactionAdvisoryLock = false;
        int statementStart = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (";".equals(token)) {
                statementStart = i + 1;
                continue;
            }
            if (i == statementStart && commandsPossible) {
                transactionScopedSet |= command(tokens, i, reasons);
            }
            if (i + 1 < tokens.size() && "(".equals(tokens.get(i + 1))) {
                transactionScopedSet |= functionCall(tokens, i, reasons);
                transactionAdvisoryLock |= TRANSACTION_ADVISORY_LOCKS.contains(token);
            }
            if ("into".equals(token) && commandsPossible && i + 1 < tokens.size()
                    && isTemporary(tokens.get(i + 1)) && word(tokens, statementStart, "select")) {
                reasons.add(PinningReason.TEMP_TABLE);
            }
        }
        if (reasons.isEmpty() && !transactionScopedSet && !transactionAdvisoryLock) {
            return PinningRisks.NONE;
        }
        return new PinningRisks(reasons, transactionScopedSet,
                transactionAdvisoryLock || reasons.contains(PinningReason.ADVISORY_LOCK));
    }

    /** Whether a word or quoted name followed by {@code (} is one of {@link #CALLS_THAT_COUNT}. */
    private static boolean callsOneThatCounts(List<SqlTokens.Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            SqlTokens.Token token = tokens.get(i);
            if ((token.kind() == SqlTokens.Kind.WORD || token.kind() == SqlTokens.Kind.QUOTED)
                    && tokens.get(i + 1).isSymbol("(") && CALLS_THAT_COUNT.contains(token.identifier())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text is longer than {@link PinningReason#LARGE_STATEMENT_BYTES} in UTF-8. */
    static boolean isLarge(String sql) {
        int limit = PinningReason.LARGE_STATEMENT_BYTES;
        if (sql.length() > limit) {
            return true;
        }
        if (sql.length() * 3L <= limit) {
            return false;
        }
        return sql.getBytes(StandardCharsets.UTF_8).length > limit;
    }

    private static boolean isPlainDml(Statement parsed) {
        if (parsed instanceof Select select) {
            // SELECT ... INTO TEMP creates a table
            return !(select instanceof PlainSelect plain) || plain.getIntoTables() == null;
        }
        return parsed instanceof Insert || parsed instanceof Update || parsed instanceof Delete;
    }

    /** Records the reasons of the command starting at {@code at}; true when it is a transaction-scoped SET. */
    private static boolean command(List<String> tokens, int at, Set<PinningReason> reasons) {
        switch (tokens.get(at)) {
            case "set" -> {
                String next = at + 1 < tokens.size() ? tokens.get(at + 1) : "";
                if (next.equals("local") || next.equals("transaction") || next.equals("constraints")) {
                    return true;
                }
                reasons.add(PinningReason.SET);
            }
            case "reset" -> reasons.add(PinningReason.SET);
            case "prepare" -> {
                if (!word(tokens, at + 1, "transaction")) {
                    reasons.add(PinningReason.PREPARE);
                }
            }
            case "execute", "deallocate" -> reasons.add(PinningReason.PREPARE);
            case "discard" -> reasons.add(PinningReason.DISCARD);
            case "declare" -> reasons.add(PinningReason.CURSOR);
            case "listen" -> reasons.add(PinningReason.LISTEN);
            case "load" -> reasons.add(PinningReason.LOAD);
            case "create" -> {
                boolean temporary = false;
                for (int i = at + 1; i < tokens.size() && i < at + 6; i++) {
                    String word = tokens.get(i);
                    if (isTemporary(word)) {
                        temporary = true;
                    } else if (temporary && (word.equals("table") || word.equals("view"))) {
                        reasons.add(PinningReason.TEMP_TABLE);
                        break;
                    } else if (temporary && word.equals("sequence")) {
                        reasons.add(PinningReason.SEQUENCE);
                        break;
                    }
                }
            }
            default -> {
                // other commands do not pin by themselves
            }
        }
        return false;
    }

    /** Records the reasons of a call of the function named at {@code at}; true when it is a local set_config. */
    private static boolean functionCall(List<String> tokens, int at, Set<PinningReason> reasons) {
        String name = tokens.get(at);
        if (name.equals("nextval") || name.equals("setval")) {
            reasons.add(PinningReason.SEQUENCE);
        } else if (SESSION_ADVISORY_LOCKS.contains(name)) {
            reasons.add(PinningReason.ADVISORY_LOCK);
        } else if (name.equals("set_config")) {
            if (thirdArgumentIsTrue(tokens, at + 1)) {
                return true;
            }
            reasons.add(PinningReason.SET);
        }
        return false;
    }

    private static boolean thirdArgumentIsTrue(List<String> tokens, int open) {
        int depth = 0;
        int commas = 0;
        for (int i = open; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.equals("(")) {
                depth++;
            } else if (token.equals(")")) {
                depth--;
                if (depth == 0) {
                    return false;
                }
            } else if (depth == 1 && token.equals(",")) {
                commas++;
            } else if (depth == 1 && commas == 2) {
                return token.equals("true") && i + 1 < tokens.size() && tokens.get(i + 1).equals(")");
            }
        }
        return false;
    }

    private static boolean isTemporary(String word) {
        return word.equals("temp") || word.equals("temporary");
    }

    private static boolean word(List<String> tokens, int at, String expected) {
        return at < tokens.size() && tokens.get(at).equals(expected);
    }
}
