package dev.limitless.sql.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The project's one lexer: reads SQL text the way PostgreSQL's own scanner does, so that every reader of SQL text
 * (statement splitting, the scatter hint, the guard's pre-scan, pinning, DDL, literal masking) sees the same
 * tokens, comments and statement boundaries as the server.
 *
 * <p>What follows PostgreSQL 16 (its {@code scan.l}): white space is {@code [ \t\n\r\f]}; a {@code --} comment ends at
 * {@code \n} or {@code \r}; block comments nest; identifiers start with a letter, {@code _} or any non-ASCII
 * character and continue with those, digits and {@code $}, and fold only ASCII letters; quoted identifiers double
 * {@code ""} and may be {@code U&"..."} with Unicode escapes; strings are {@code '...'} (backslash escapes only when
 * {@code standard_conforming_strings} is off), {@code E'...'}, {@code N'...'}, {@code B'...'}, {@code X'...'} and
 * {@code U&'...'}; a dollar quote's tag starts with a letter, {@code _} or non-ASCII character and continues with
 * those and digits, and a {@code $} that continues an identifier starts no quote ({@code x$a$} is one identifier).
 * JDBC's {@code ?} placeholder is a token of its own. Never throws; text that ends inside a string, quoted
 * identifier or comment is reported as {@link Scan#problem()}.
 */
public final class SqlTokens {

    /** What a token is. */
    public enum Kind { WORD, QUOTED, STRING, NUMBER, SYMBOL }

    /**
     * One token; {@code text} is the source text, {@code start}/{@code end} its range in the statement. Its identifier
     * is worked out once, when first asked for: the guard, the pinning check and the splitter all ask for it.
     */
    public static final class Token {
        private final Kind kind;
        private final String text;
        private final int start;
        private final int end;
        private String identifier;

        public Token(Kind kind, String text, int start, int end) {
            this.kind = kind;
            this.text = text;
            this.start = start;
            this.end = end;
        }

        public Kind kind() {
            return kind;
        }

        public String text() {
            return text;
        }

        public int start() {
            return start;
        }

        public int end() {
            return end;
        }

        /** Whether this is the unquoted key word (case-insensitive). */
        public boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        public boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        /** The identifier as PostgreSQL stores it (unquoted: ASCII letters folded to lower case; quoted: as written). */
        public String identifier() {
            String known = identifier;
            if (known == null) {
                known = kind == Kind.QUOTED ? quotedIdentifier() : foldAscii(text);
                identifier = known; // racy but idempotent: the value is a String worked out from final fields
            }
            return known;
        }

        private String quotedIdentifier() {
            boolean unicode = text.length() > 2 && text.charAt(1) == '&';
            int open = unicode ? 3 : 1;
            int close = open;
            while (close < text.length()) {
                if (text.charAt(close) == '"') {
                    if (close + 1 < text.length() && text.charAt(close + 1) == '"') {
                        close += 2;
                        continue;
                    }
                    break;
                }
                close++;
            }
            // an unterminated quoted identifier runs to the end of the text
            String inner = text.substring(open, Math.min(close, text.length())).replace("\"\"", "\"");
            if (!unicode) {
                return inner;
            }
            // U&"..." UESCAPE 'c': the token's text ends with the escape clause
            int escapeQuote = text.indexOf('\'', close);
            char escape = escapeQuote > 0 && escapeQuote + 1 < text.length() ? text.charAt(escapeQuote + 1) : '\\';
            return decodeUnicodeEscapes(inner, escape);
        }

        public boolean isIdentifier() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }

        /** Whether this string token may hold backslash escapes whose meaning depends on the server's settings. */
        boolean isPlainString() {
            if (kind != Kind.STRING) {
                return false;
            }
            char first = text.charAt(0);
            return first == '\'' || first == 'n' || first == 'N';
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Token token && kind == token.kind && start == token.start && end == token.end
                    && text.equals(token.text);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(kind, text, start, end);
        }

        @Override
        public String toString() {
            return "Token[kind=" + kind + ", text=" + text + ", start=" + start + ", end=" + end + "]";
        }
    }

    /**
     * A comment.
     *
     * @param start offset of {@code --} or {@code /*}
     * @param end offset after the comment
     * @param block whether it is a block comment
     * @param body the text between the delimiters (for a block comment, nested comments included)
     */
    public record Comment(int start, int end, boolean block, String body) {
    }

    /**
     * What the lexer read.
     *
     * @param tokens the tokens, comments and white space left out
     * @param comments the comments, in order
     * @param problem {@code null}, or what is unterminated (e.g. "unterminated quoted string")
     * @param problemAt offset where the unterminated token starts, or -1
     * @param backslashInPlainString whether a {@code '...'} string holds a backslash: its extent then depends on
     *     {@code standard_conforming_strings}
     */
    public record Scan(List<Token> tokens, List<Comment> comments, String problem, int problemAt,
            boolean backslashInPlainString) {

        /** Whether the two scans read the same tokens and comments at the same places. */
        public boolean sameShape(Scan other) {
            if (tokens.size() != other.tokens.size() || comments.size() != other.comments.size()) {
                return false;
            }
            for (int i = 0; i < tokens.size(); i++) {
                Token a = tokens.get(i);
                Token b = other.tokens.get(i);
                if (a.kind != b.kind || a.start != b.start || a.end != b.end) {
                    return false;
                }
            }
            for (int i = 0; i < comments.size(); i++) {
                if (comments.get(i).start != other.comments.get(i).start || comments.get(i).end != other.comments.get(i).end) {
                    return false;
                }
            }
            return true;
        }
    }

    private SqlTokens() {
    }

    /** The tokens of {@code sql} as PostgreSQL reads it with {@code standard_conforming_strings} on (the default). */
    public static List<Token> of(String sql) {
        return scan(sql, true).tokens();
    }

    /** Tokens and comments of {@code sql} with {@code standard_conforming_strings} on (the default). */
    public static Scan scan(String sql) {
        return scan(sql, true);
    }

    /** Tokens and comments of {@code sql} under the given {@code standard_conforming_strings} setting. */
    public static Scan scan(String sql, boolean standardConformingStrings) {
        Scanner scanner = new Scanner(sql, standardConformingStrings);
        scanner.run();
        return new Scan(List.copyOf(scanner.tokens), List.copyOf(scanner.comments), scanner.problem, scanner.problemAt,
                scanner.backslashInPlainString);
    }

    /**
     * PostgreSQL 16's white space (the version Aurora Limitless runs): space, tab, new line, carriage return, form
     * feed. A vertical tab is white space only from PostgreSQL 17 on; here it is a character of its own.
     */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /** A character that may start an identifier or a dollar-quote tag: ASCII letter, underscore, any non-ASCII. */
    public static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    /** A character that may continue an identifier: a start character, a digit or {@code $}. */
    public static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9' || c == '$';
    }

    private static boolean isTagPart(char c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9';
    }

    private static boolean isOperatorChar(char c) {
        return "+-*/<>=~!@#%^&|`".indexOf(c) >= 0;
    }

    /** Folds ASCII letters only, as PostgreSQL does for unquoted identifiers in a multi-byte encoding. */
    static String foldAscii(String text) {
        int first = 0;
        int length = text.length();
        while (first < length && !isAsciiUpper(text.charAt(first))) {
            first++;
        }
        if (first == length) {
            return text;
        }
        char[] folded = text.toCharArray();
        for (int i = first; i < length; i++) {
            if (isAsciiUpper(folded[i])) {
                folded[i] = (char) (folded[i] + 32);
            }
        }
        return new String(folded);
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** Decodes {@code \XXXX}, {@code \+XXXXXX} and a doubled escape character, as in {@code U&"..."}. */
    static String decodeUnicodeEscapes(String text, char escape) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != escape) {
                out.append(c);
                i++;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == escape) {
                out.append(escape);
                i += 2;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '+' && i + 8 <= text.length()
                    && isHex(text, i + 2, i + 8) && Character.isValidCodePoint(Integer.parseInt(text.substring(i + 2, i + 8), 16))) {
                out.appendCodePoint(Integer.parseInt(text.substring(i + 2, i + 8), 16));
                i += 8;
            } else if (i + 5 <= text.length() && isHex(text, i + 1, i + 5)) {
                out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                i += 5;
            } else {
                // PostgreSQL rejects an invalid escape; keep it visible so that the name matches nothing
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static final class Scanner {
        private final String sql;
        private final int n;
        private final boolean standardConformingStrings;
        final List<Token> tokens = new ArrayList<>();
        final List<Comment> comments = new ArrayList<>();
        String problem;
        int problemAt = -1;
        boolean backslashInPlainString;

        Scanner(String sql, boolean standardConformingStrings) {
            this.sql = sql;
            this.n = sql.length();
            this.standardConformingStrings = standardConformingStrings;
        }

        private char at(int i) {
            return i < n ? sql.charAt(i) : '\0';
        }

        void run() {
            int i = 0;
            while (i < n) {
                char c = sql.charAt(i);
                if (isSpace(c)) {
                    i++;
                } else if (c == '-' && at(i + 1) == '-') {
                    i = lineComment(i);
                } else if (c == '/' && at(i + 1) == '*') {
                    i = blockComment(i);
                } else if ((c == 'e' || c == 'E') && at(i + 1) == '\'') {
                    i = string(i, i + 1, true);
                } else if ((c == 'n' || c == 'N') && at(i + 1) == '\'') {
                    i = string(i, i + 1, !standardConformingStrings);
                } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && at(i + 1) == '\'') {
                    i = string(i, i + 1, false);
                } else if ((c == 'u' || c == 'U') && at(i + 1) == '&' && at(i + 2) == '\'') {
                    i = string(i, i + 2, false);
                    i = unicodeEscapeClause(i);
                } else if ((c == 'u' || c == 'U') && at(i + 1) == '&' && at(i + 2) == '"') {
                    i = quoted(i, i + 2);
                    i = unicodeEscapeClause(i);
                } else if (isIdentifierStart(c)) {
                    int j = i + 1;
                    while (j < n && isIdentifierPart(sql.charAt(j))) {
                        j++;
                    }
                    add(Kind.WORD, i, j);
                    i = j;
                } else if (c == '"') {
                    i = quoted(i, i);
                } else if (c == '\'') {
                    i = string(i, i, !standardConformingStrings);
                } else if (c == '$') {
                    i = dollar(i);
                } else if (c >= '0' && c <= '9' || c == '.' && at(i + 1) >= '0' && at(i + 1) <= '9') {
                    i = number(i);
                } else if (c == ':' && at(i + 1) == ':') {
                    add(Kind.SYMBOL, i, i + 2);
                    i += 2;
                } else if (c == '?') {
                    int j = at(i + 1) == '?' ? i + 2 : i + 1; // ?? is JDBC's escape of the ? operator
                    add(Kind.SYMBOL, i, j);
                    i = j;
                } else if (isOperatorChar(c)) {
                    i = operator(i);
                } else {
                    add(Kind.SYMBOL, i, i + 1);
                    i++;
                }
            }
        }

        private void add(Kind kind, int start, int end) {
            tokens.add(new Token(kind, sql.substring(start, end), start, end));
        }

        private int lineComment(int start) {
            int j = start + 2;
            while (j < n && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
                j++;
            }
            comments.add(new Comment(start, j, false, sql.substring(start + 2, j)));
            return j;
        }

        private int blockComment(int start) {
            int depth = 1;
            int j = start + 2;
            while (j < n && depth > 0) {
                if (sql.charAt(j) == '/' && at(j + 1) == '*') {
                    depth++;
                    j += 2;
                } else if (sql.charAt(j) == '*' && at(j + 1) == '/') {
                    depth--;
                    j += 2;
                } else {
                    j++;
                }
            }
            if (depth > 0) {
                problem(start, "unterminated block comment");
                comments.add(new Comment(start, n, true, sql.substring(start + 2)));
                return n;
            }
            comments.add(new Comment(start, j, true, sql.substring(start + 2, j - 2)));
            return j;
        }

        /** A string whose opening quote is at {@code quote}; {@code backslashEscapes} as in E'...'. */
        private int string(int start, int quote, boolean backslashEscapes) {
            int j = quote + 1;
            boolean backslash = false;
            while (j < n) {
                char d = sql.charAt(j);
                if (d == '\\') {
                    backslash = true;
                    if (backslashEscapes) {
                        j += 2;
                        continue;
                    }
                }
                if (d == '\'') {
                    if (at(j + 1) == '\'') {
                        j += 2;
                        continue;
                    }
                    add(Kind.STRING, start, j + 1);
                    noteBackslash(start, quote, backslash);
                    return j + 1;
                }
                j++;
            }
            problem(start, "unterminated quoted string");
            add(Kind.STRING, start, n);
            noteBackslash(start, quote, backslash);
            return n;
        }

        private void noteBackslash(int start, int quote, boolean backslash) {
            char first = sql.charAt(start);
            if (backslash && (quote == start || first == 'n' || first == 'N')) {
                backslashInPlainString = true;
            }
        }

        /**
         * After a {@code U&"..."} or {@code U&'...'} token: a following {@code UESCAPE 'c'} belongs to it (PostgreSQL reads the clause
         * with the identifier), so the token is extended over it.
         */
        private int unicodeEscapeClause(int after) {
            int j = after;
            while (j < n && isSpace(sql.charAt(j))) {
                j++;
            }
            if (!sql.regionMatches(true, j, "uescape", 0, 7) || j + 7 < n && isIdentifierPart(sql.charAt(j + 7))) {
                return after;
            }
            int k = j + 7;
            while (k < n && isSpace(sql.charAt(k))) {
                k++;
            }
            if (k + 2 < n && sql.charAt(k) == '\'' && sql.charAt(k + 2) == '\'') {
                Token last = tokens.remove(tokens.size() - 1);
                tokens.add(new Token(last.kind(), sql.substring(last.start(), k + 3), last.start(), k + 3));
                return k + 3;
            }
            return after;
        }

        private int quoted(int start, int quote) {
            int j = quote + 1;
            while (j < n) {
                if (sql.charAt(j) == '"') {
                    if (at(j + 1) == '"') {
                        j += 2;
                        continue;
                    }
                    add(Kind.QUOTED, start, j + 1);
                    return j + 1;
                }
                j++;
            }
            problem(start, "unterminated quoted identifier");
            add(Kind.QUOTED, start, n);
            return n;
        }

        private int dollar(int start) {
            int j = start + 1;
            if (at(j) >= '0' && at(j) <= '9') {
                while (j < n && sql.charAt(j) >= '0' && sql.charAt(j) <= '9') {
                    j++;
                }
                add(Kind.SYMBOL, start, j); // a parameter: $1
                return j;
            }
            if (at(j) != '$') {
                if (!isIdentifierStart(at(j)) || j >= n) {
                    add(Kind.SYMBOL, start, start + 1);
                    return start + 1;
                }
                while (j < n && isTagPart(sql.charAt(j))) {
                    j++;
                }
                if (at(j) != '$' || j >= n) {
                    add(Kind.SYMBOL, start, start + 1);
                    return start + 1;
                }
            }
            String tag = sql.substring(start, j + 1);
            int close = sql.indexOf(tag, j + 1);
            if (close < 0) {
                problem(start, "unterminated dollar-quoted string " + tag);
                add(Kind.STRING, start, n);
                return n;
            }
            add(Kind.STRING, start, close + tag.length());
            return close + tag.length();
        }

        private int number(int start) {
            int j = start;
            if (sql.charAt(j) == '0' && "xXoObB".indexOf(at(j + 1)) >= 0 && Character.digit(at(j + 2), 16) >= 0) {
                j += 2;
                while (j < n && (Character.digit(sql.charAt(j), 16) >= 0 || sql.charAt(j) == '_')) {
                    j++;
                }
            } else {
                while (j < n && (sql.charAt(j) >= '0' && sql.charAt(j) <= '9' || sql.charAt(j) == '_')) {
                    j++;
                }
                if (at(j) == '.' && at(j + 1) != '.') {
                    j++;
                    while (j < n && (sql.charAt(j) >= '0' && sql.charAt(j) <= '9' || sql.charAt(j) == '_')) {
                        j++;
                    }
                }
                if ((at(j) == 'e' || at(j) == 'E') && (Character.isDigit(at(j + 1))
                        || (at(j + 1) == '+' || at(j + 1) == '-') && Character.isDigit(at(j + 2)))) {
                    j += 2;
                    while (j < n && Character.isDigit(sql.charAt(j))) {
                        j++;
                    }
                }
            }
            // PostgreSQL 15+ rejects trailing identifier characters ("trailing junk"); keep them in the token
            while (j < n && isIdentifierPart(sql.charAt(j))) {
                j++;
            }
            add(Kind.NUMBER, start, j);
            return j;
        }

        /** An operator: a run of operator characters, cut before a comment start, trailing + and - trimmed as PostgreSQL does. */
        private int operator(int start) {
            int j = start;
            while (j < n && isOperatorChar(sql.charAt(j))) {
                if (j > start && (sql.startsWith("--", j) || sql.startsWith("/*", j))) {
                    break;
                }
                j++;
            }
            if (j - start > 1 && (sql.charAt(j - 1) == '+' || sql.charAt(j - 1) == '-')) {
                boolean special = false;
                for (int k = start; k < j; k++) {
                    special |= "~!@#%^&|`".indexOf(sql.charAt(k)) >= 0;
                }
                while (!special && j - start > 1 && (sql.charAt(j - 1) == '+' || sql.charAt(j - 1) == '-')) {
                    j--;
                }
            }
            add(Kind.SYMBOL, start, j);
            return j;
        }

        private void problem(int start, String what) {
            if (problem == null) {
                problem = what;
                problemAt = start;
            }
        }
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
