package dev.limitless.pinning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words and punctuation of a SQL text, skipping string literals (also {@code E'..'} and dollar quotes),
 * numbers and comments; quoted identifiers become words with their exact spelling. Enough to find commands
 * and function calls without a parser, and never fooled by a keyword inside a string or comment.
 */
final class SqlTokens {

    /** Token standing for any string literal. */
    static final String LITERAL = "'";

    private SqlTokens() {
    }

    static List<String> of(String sql) {
        List<String> tokens = new ArrayList<>();
        int length = sql.length();
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '\'') {
                boolean backslashEscapes = !tokens.isEmpty() && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && "e".equals(tokens.get(tokens.size() - 1));
                if (backslashEscapes) {
                    tokens.remove(tokens.size() - 1);
                }
                i = skipString(sql, i, backslashEscapes);
                tokens.add(LITERAL);
            } else if (c == '"') {
                StringBuilder identifier = new StringBuilder();
                i++;
                while (i < length) {
                    char d = sql.charAt(i);
                    if (d == '"') {
                        if (i + 1 < length && sql.charAt(i + 1) == '"') {
                            identifier.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    identifier.append(d);
                    i++;
                }
                tokens.add(identifier.toString());
            } else if (c == '$' && i + 1 < length && (sql.charAt(i + 1) == '$' || Character.isLetter(sql.charAt(i + 1))
                    || sql.charAt(i + 1) == '_')) {
                int tagEnd = i + 1;
                while (tagEnd < length && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
                    tagEnd++;
                }
                if (tagEnd < length && sql.charAt(tagEnd) == '$') {
                    String tag = sql.substring(i, tagEnd + 1);
                    int close = sql.indexOf(tag, tagEnd + 1);
                    i = close < 0 ? length : close + tag.length();
                    tokens.add(LITERAL);
                } else {
                    i = tagEnd;
                }
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
            } else if (Character.isDigit(c)) {
                while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(LITERAL);
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }

    private static int skipBlockComment(String sql, int start) {
        int depth = 1;
        int i = start + 2;
        int length = sql.length();
        while (i < length && depth > 0) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else {
                i++;
            }
        }
        return i;
    }

    private static int skipString(String sql, int start, boolean backslashEscapes) {
        int i = start + 1;
        int length = sql.length();
        while (i < length) {
            char d = sql.charAt(i);
            if (backslashEscapes && d == '\\') {
                i += 2;
            } else if (d == '\'') {
                if (i + 1 < length && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return length;
    }
}
