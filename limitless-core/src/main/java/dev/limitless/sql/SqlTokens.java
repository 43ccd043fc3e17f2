package dev.limitless.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of one PostgreSQL statement, with their character ranges, so that SQL can be read without a parser
 * and without rewriting the user's text: white space and comments (also nested) are skipped, strings ({@code '..'},
 * {@code E'..'}, dollar quotes) and quoted identifiers are single tokens, and every token knows where it stands.
 * The one lexer of the project's token-level readers (the DDL translator and checker, the pinning classifier).
 */
public final class SqlTokens {

    /** What a token is. */
    public enum Kind { WORD, QUOTED, STRING, NUMBER, SYMBOL }

    /** One token; {@code text} is the source text, {@code start}/{@code end} its range in the statement. */
    public record Token(Kind kind, String text, int start, int end) {

        /** Whether this is the unquoted key word (case-insensitive). */
        public boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        public boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        /** The identifier as PostgreSQL stores it (unquoted folded to lower case). */
        public String identifier() {
            if (kind == Kind.QUOTED) {
                // an unterminated quoted identifier runs to the end of the text
                int end = text.length() > 1 && text.endsWith("\"") ? text.length() - 1 : text.length();
                return text.substring(1, end).replace("\"\"", "\"");
            }
            return text.toLowerCase(Locale.ROOT);
        }

        public boolean isIdentifier() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }
    }

    private SqlTokens() {
    }

    public static List<Token> of(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 1;
                i += 2;
                while (i < n && depth > 0) {
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
            } else if (c == '\'' || (c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                int start = i;
                boolean escapes = c != '\'';
                i = escapes ? i + 2 : i + 1;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (escapes && d == '\\') {
                        i += 2;
                    } else if (d == '\'') {
                        if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        i++;
                    }
                }
                tokens.add(new Token(Kind.STRING, sql.substring(start, Math.min(i, n)), start, Math.min(i, n)));
            } else if (c == '"') {
                int start = i;
                i++;
                while (i < n) {
                    if (sql.charAt(i) == '"') {
                        if (i + 1 < n && sql.charAt(i + 1) == '"') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
                tokens.add(new Token(Kind.QUOTED, sql.substring(start, i), start, i));
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                int end = close < 0 ? n : close + tag.length();
                tokens.add(new Token(Kind.STRING, sql.substring(i, end), i, end));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(start, i), start, i));
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, sql.substring(start, i), start, i));
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                tokens.add(new Token(Kind.SYMBOL, "::", i, i + 2));
                i += 2;
            } else if ("<>=!".indexOf(c) >= 0) {
                int start = i;
                while (i < n && "<>=!".indexOf(sql.charAt(i)) >= 0) {
                    i++;
                }
                tokens.add(new Token(Kind.SYMBOL, sql.substring(start, i), start, i));
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return tokens;
    }

    private static int dollarTagEnd(String sql, int start) {
        if (start > 0 && (Character.isLetterOrDigit(sql.charAt(start - 1)) || sql.charAt(start - 1) == '_')) {
            return -1;
        }
        int i = start + 1;
        if (i < sql.length() && sql.charAt(i) == '$') {
            return i;
        }
        if (i >= sql.length() || !(Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            return -1;
        }
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i : -1;
    }

    /** Index of the token that closes the parenthesis opened at {@code open}, or the last index if unbalanced. */
    public static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol("(") || tokens.get(i).isSymbol("[")) {
                depth++;
            } else if (tokens.get(i).isSymbol(")") || tokens.get(i).isSymbol("]")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return tokens.size() - 1;
    }

    /** Splits tokens {@code [from, to)} at top-level commas into index ranges {@code [start, end)}. */
    public static List<int[]> splitAtCommas(List<Token> tokens, int from, int to) {
        List<int[]> parts = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            Token token = tokens.get(i);
            if (token.isSymbol("(") || token.isSymbol("[")) {
                depth++;
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && token.isSymbol(",")) {
                parts.add(new int[] {start, i});
                start = i + 1;
            }
        }
        if (start < to) {
            parts.add(new int[] {start, to});
        }
        return parts;
    }

    /** Identifiers of a parenthesised list such as {@code (a, "B")} opened at {@code open}; null for expressions. */
    public static List<String> identifierList(List<Token> tokens, int open) {
        int close = closing(tokens, open);
        List<String> names = new ArrayList<>();
        for (int[] part : splitAtCommas(tokens, open + 1, close)) {
            Token first = tokens.get(part[0]);
            if (!first.isIdentifier()) {
                names.add(null);
            } else {
                names.add(part[1] - part[0] == 1 || isIndexOption(tokens, part[0] + 1, part[1]) ? first.identifier() : null);
            }
        }
        return names;
    }

    /** Whether the rest of a list element is only words: ASC, DESC, NULLS FIRST, COLLATE x, an operator class. */
    private static boolean isIndexOption(List<Token> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!tokens.get(i).isIdentifier()) {
                return false;
            }
        }
        return true;
    }
}
