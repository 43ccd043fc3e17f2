package dev.limitless.sql.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into statements where PostgreSQL does: at semicolons outside parentheses, strings,
 * quoted identifiers, dollar quotes and comments (read by the one lexer, {@link SqlTokens}), and not inside a
 * {@code BEGIN ATOMIC ... END} function body.
 *
 * <p>Never throws on any input: text that ends inside a string or comment becomes a last statement with a
 * {@link Statement#problem() problem} that says what is unterminated and where it starts, and a semicolon inside
 * parentheses (which PostgreSQL rejects) is reported as the problem of its statement instead of being split on.
 */
public final class SqlScript {

    /** The problem of a statement that holds a semicolon inside parentheses. */
    public static final String NESTED_SEMICOLON = "a semicolon inside parentheses: PostgreSQL rejects the text, and it"
            + " cannot be split into statements safely";

    private SqlScript() {
    }

    /**
     * One statement of a script.
     *
     * @param sql the statement text without its terminating semicolon, leading and trailing white space removed;
     *     comments inside and before it are kept
     * @param line 1-based line of the statement's first character that is not white space
     * @param offset 0-based character offset of that character in the script
     * @param commentOnly whether the text is nothing but comments (e.g. a trailing comment)
     * @param problem {@code null}, or what is unterminated, e.g. "unterminated quoted string starting at line 4"
     */
    public record Statement(String sql, int line, int offset, boolean commentOnly, String problem) {
    }

    /** The statements of the script, in order; empty pieces (like {@code ;;}) are skipped. */
    public static List<Statement> split(String script) {
        return split(script, SqlTokens.scan(script));
    }

    /** The statements of a script already read by the lexer. */
    public static List<Statement> split(String script, SqlTokens.Scan scan) {
        List<Statement> statements = new ArrayList<>();
        List<SqlTokens.Token> tokens = scan.tokens();
        int pieceStart = 0;
        int depth = 0;
        int atomic = 0;
        boolean significant = false;
        boolean nestedSemicolon = false;
        for (int i = 0; i < tokens.size(); i++) {
            SqlTokens.Token token = tokens.get(i);
            if (token.isSymbol(";")) {
                if (depth > 0) {
                    nestedSemicolon = true;
                    continue;
                }
                if (atomic == 0) {
                    add(statements, script, scan, pieceStart, token.start(), significant, nestedSemicolon);
                    pieceStart = token.end();
                    significant = false;
                    nestedSemicolon = false;
                    continue;
                }
            }
            significant = true;
            if (token.isSymbol("(") || token.isSymbol("[")) {
                depth++;
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                depth = Math.max(0, depth - 1);
            } else if (token.is("atomic") && i > 0 && tokens.get(i - 1).is("begin")) {
                atomic = 1;
            } else if (atomic > 0 && (token.is("case") || token.is("begin"))) {
                atomic++;
            } else if (atomic > 0 && token.is("end")) {
                atomic--;
            }
        }
        add(statements, script, scan, pieceStart, script.length(), significant, nestedSemicolon);
        return statements;
    }

    private static int count(String text, int from, int to, char wanted) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == wanted) {
                n++;
            }
        }
        return n;
    }

    private static void add(List<Statement> statements, String script, SqlTokens.Scan scan, int start, int end,
            boolean significant, boolean nestedSemicolon) {
        int first = start;
        while (first < end && SqlTokens.isSpace(script.charAt(first))) {
            first++;
        }
        int last = end;
        while (last > first && SqlTokens.isSpace(script.charAt(last - 1))) {
            last--;
        }
        if (first >= last) {
            return;
        }
        String problem = null;
        if (scan.problem() != null && scan.problemAt() >= start && scan.problemAt() < end) {
            problem = scan.problem() + " starting at line " + (1 + count(script, 0, scan.problemAt(), '\n'));
            significant = true;
        } else if (nestedSemicolon) {
            problem = NESTED_SEMICOLON;
        }
        int line = 1 + count(script, 0, first, '\n');
        statements.add(new Statement(script.substring(first, last), line, first, !significant, problem));
    }
}
