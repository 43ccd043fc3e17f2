package dev.limitless.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into statements at top-level semicolons, respecting single-quoted strings (with
 * {@code ''} and, in {@code E'...'}, backslash escapes), quoted identifiers, dollar-quoted strings
 * ({@code $$...$$}, {@code $tag$...$tag$}), line comments and nested block comments.
 *
 * <p>Never throws on any input: text that ends inside a string or comment becomes a last statement with a
 * {@link Statement#problem() problem} that says what is unterminated and where it starts.
 */
public final class SqlScript {

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
        List<Statement> statements = new ArrayList<>();
        int length = script.length();
        int start = 0;
        int i = 0;
        int line = 1;
        int startLine = 1;
        boolean significant = false; // whether the current piece has anything but white space and comments
        while (i < length) {
            char c = script.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c == '-' && i + 1 < length && script.charAt(i + 1) == '-') {
                while (i < length && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < length && script.charAt(i + 1) == '*') {
                int openedAt = line;
                int depth = 1;
                i += 2;
                while (i < length && depth > 0) {
                    char d = script.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    if (d == '/' && i + 1 < length && script.charAt(i + 1) == '*') {
                        depth++;
                        i += 2;
                    } else if (d == '*' && i + 1 < length && script.charAt(i + 1) == '/') {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                if (depth > 0) {
                    add(statements, script, start, length, significant, "unterminated block comment starting at line " + openedAt);
                    return statements;
                }
            } else if (c == '\'') {
                boolean backslashEscapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(script.charAt(i - 2)) && script.charAt(i - 2) != '_');
                int openedAt = line;
                significant = true;
                i++;
                boolean closed = false;
                while (i < length) {
                    char d = script.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    if (backslashEscapes && d == '\\' && i + 1 < length) {
                        if (script.charAt(i + 1) == '\n') {
                            line++;
                        }
                        i += 2;
                    } else if (d == '\'') {
                        if (i + 1 < length && script.charAt(i + 1) == '\'') {
                            i += 2;
                        } else {
                            i++;
                            closed = true;
                            break;
                        }
                    } else {
                        i++;
                    }
                }
                if (!closed) {
                    add(statements, script, start, length, true, "unterminated quoted string starting at line " + openedAt);
                    return statements;
                }
            } else if (c == '"') {
                int openedAt = line;
                significant = true;
                int end = script.indexOf('"', i + 1);
                while (end >= 0 && end + 1 < length && script.charAt(end + 1) == '"') {
                    end = script.indexOf('"', end + 2);
                }
                if (end < 0) {
                    add(statements, script, start, length, true, "unterminated quoted identifier starting at line " + openedAt);
                    return statements;
                }
                line += count(script, i, end, '\n');
                i = end + 1;
            } else if (c == '$' && (i == 0 || !isIdentifierPart(script.charAt(i - 1)))) {
                int tagEnd = dollarTagEnd(script, i);
                if (tagEnd < 0) {
                    significant = true;
                    i++;
                    continue;
                }
                String tag = script.substring(i, tagEnd + 1);
                int openedAt = line;
                significant = true;
                int close = script.indexOf(tag, tagEnd + 1);
                if (close < 0) {
                    add(statements, script, start, length, true, "unterminated dollar-quoted string " + tag + " starting at line " + openedAt);
                    return statements;
                }
                line += count(script, i, close, '\n');
                i = close + tag.length();
            } else if (c == ';') {
                add(statements, script, start, i, significant, null);
                i++;
                start = i;
                significant = false;
            } else {
                if (!Character.isWhitespace(c)) {
                    significant = true;
                }
                i++;
            }
        }
        add(statements, script, start, length, significant, null);
        return statements;
    }

    /** Index of the closing {@code $} of a dollar-quote tag starting at {@code start}, or -1 if it is not one. */
    private static int dollarTagEnd(String script, int start) {
        int i = start + 1;
        if (i < script.length() && script.charAt(i) == '$') {
            return i;
        }
        if (i >= script.length() || !(Character.isLetter(script.charAt(i)) || script.charAt(i) == '_')) {
            return -1; // $1 is a parameter, not a tag
        }
        while (i < script.length() && isIdentifierPart(script.charAt(i)) && script.charAt(i) != '$') {
            i++;
        }
        return i < script.length() && script.charAt(i) == '$' ? i : -1;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
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

    private static void add(List<Statement> statements, String script, int start, int end, boolean significant, String problem) {
        int first = start;
        while (first < end && Character.isWhitespace(script.charAt(first))) {
            first++;
        }
        int last = end;
        while (last > first && Character.isWhitespace(script.charAt(last - 1))) {
            last--;
        }
        if (first >= last) {
            return;
        }
        int line = 1 + count(script, 0, first, '\n');
        statements.add(new Statement(script.substring(first, last), line, first, !significant, problem));
    }
}
