package dev.limitless.guard;

import dev.limitless.sql.internal.SqlTokens;
import java.util.ArrayList;
import java.util.List;

/**
 * What the one lexer ({@link SqlTokens}) says about one statement before it is parsed: the first keyword, the
 * scatter hint, the deepest parenthesis nesting, the longest list, the (possibly qualified) names that may be
 * tables, and the text handed to the parser. Cheap and total: it never throws.
 */
final class SqlText {

    final SqlTokens.Scan scan;
    final String firstKeyword;
    final boolean allowScatterHint;
    final int maxNesting;
    /** Elements of the longest parenthesized list (an IN list, a VALUES row, a function's arguments). */
    final int maxListElements;
    /**
     * Dotted identifier chains in stored form, e.g. [public, accounts] or [accounts], that may name a relation: a
     * chain followed by {@code (} (a function), by {@code .*}, or after {@code ::} (a type) is left out.
     */
    final List<List<String>> names;
    /** Dotted names followed by a parenthesis: functions called (and CTEs with a column list). */
    final List<List<String>> calls;
    /**
     * The text for the parser: comments replaced by a space (JSqlParser does not read nested block comments, and
     * parentheses inside comments mislead it), every string form rewritten as a standard string and Unicode
     * identifiers decoded, which JSqlParser does not read reliably (it may silently drop the rest of the statement).
     */
    final String parseable;
    /** Whether the text uses a JSON arrow operator ({@code ->}, {@code ->>}, {@code #>}, {@code #>>}), which JSqlParser may misread. */
    final boolean jsonOperators;
    /** Whether the words MATERIALIZED and INTO occur (the parser's text is rewritten for them only then). */
    final boolean materializedWord;
    final boolean intoWord;

    private SqlText(SqlTokens.Scan scan, String firstKeyword, boolean allowScatterHint, int maxNesting,
            int maxListElements, List<List<String>> names, List<List<String>> calls, String parseable, boolean jsonOperators,
            boolean materializedWord, boolean intoWord) {
        this.scan = scan;
        this.firstKeyword = firstKeyword;
        this.allowScatterHint = allowScatterHint;
        this.maxNesting = maxNesting;
        this.maxListElements = maxListElements;
        this.names = names;
        this.calls = calls;
        this.parseable = parseable;
        this.jsonOperators = jsonOperators;
        this.materializedWord = materializedWord;
        this.intoWord = intoWord;
    }

    static SqlText scan(String sql) {
        return of(sql, SqlTokens.scan(sql));
    }

    static SqlText of(String sql, SqlTokens.Scan scan) {
        List<SqlTokens.Token> tokens = scan.tokens();
        String firstKeyword = "";
        if (!tokens.isEmpty()) {
            SqlTokens.Token first = tokens.get(0);
            if (first.kind() == SqlTokens.Kind.WORD) {
                firstKeyword = first.identifier();
            } else if (first.isSymbol("(")) {
                firstKeyword = "(";
            } else if (first.isSymbol("{")) {
                firstKeyword = "call"; // JDBC escape {call f(?)} / {? = call f(?)}
            }
        }
        boolean hint = false;
        for (SqlTokens.Comment comment : scan.comments()) {
            hint |= isHint(comment);
        }
        int depth = 0;
        int maxDepth = 0;
        int[] elements = new int[16];
        int maxElements = 0;
        List<List<String>> names = new ArrayList<>();
        List<List<String>> calls = new ArrayList<>();
        boolean lockingOf = false;
        boolean materialized = false;
        boolean into = false;
        for (int i = 0; i < tokens.size(); i++) {
            SqlTokens.Token token = tokens.get(i);
            if (token.kind() == SqlTokens.Kind.WORD) {
                lockingOf |= token.is("of") && i > 0 && (tokens.get(i - 1).is("update") || tokens.get(i - 1).is("share"));
                materialized |= token.is("materialized");
                into |= token.is("into");
            }
        }
        StringBuilder parseable = new StringBuilder(sql.length() + 8);
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlTokens.Token token = tokens.get(i);
            parseable.append(token.start() > copied ? " " : "");
            copied = token.end();
            if (token.isSymbol("(") || token.isSymbol("[")) {
                depth++;
                maxDepth = Math.max(maxDepth, depth);
                if (depth >= elements.length) {
                    elements = java.util.Arrays.copyOf(elements, depth * 2);
                }
                elements[depth] = 1;
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                if (depth > 0) {
                    maxElements = Math.max(maxElements, elements[depth]);
                }
                depth = Math.max(0, depth - 1);
            } else if (token.isSymbol(",") && depth > 0) {
                elements[depth]++;
            }
            String piece = forParser(token);
            if (token.kind() == SqlTokens.Kind.STRING && i > 0 && tokens.get(i - 1).kind() == SqlTokens.Kind.STRING
                    && continues(sql, tokens.get(i - 1).end(), token.start()) && piece.startsWith("'")
                    && parseable.length() > 1 && parseable.charAt(parseable.length() - 2) == '\'') {
                // 'a' followed by 'b' on another line is one literal 'ab' (PostgreSQL's quote continuation)
                parseable.setLength(parseable.length() - 2);
                piece = piece.substring(1);
            }
            parseable.append(piece);
            if (token.isIdentifier() && (i == 0 || !tokens.get(i - 1).isSymbol("."))) {
                int end = i;
                List<String> chain = new ArrayList<>(2);
                chain.add(token.identifier());
                while (end + 2 < tokens.size() && tokens.get(end + 1).isSymbol(".") && tokens.get(end + 2).isIdentifier()) {
                    end += 2;
                    chain.add(tokens.get(end).identifier());
                }
                boolean function = end + 1 < tokens.size() && tokens.get(end + 1).isSymbol("(");
                boolean star = end + 2 < tokens.size() && tokens.get(end + 1).isSymbol(".") && tokens.get(end + 2).isSymbol("*");
                boolean type = i > 0 && tokens.get(i - 1).isSymbol("::");
                if (function) {
                    calls.add(chain);
                } else if (!star && !type && !(lockingOf && lockedRelation(tokens, i))) {
                    names.add(chain);
                }
            }
        }
        for (int open = 1; open <= depth && open < elements.length; open++) {
            maxElements = Math.max(maxElements, elements[open]);
        }
        boolean json = false;
        for (SqlTokens.Token token : tokens) {
            json |= token.kind() == SqlTokens.Kind.SYMBOL && (token.text().equals("->") || token.text().equals("->>")
                    || token.text().equals("#>") || token.text().equals("#>>"));
        }
        return new SqlText(scan, firstKeyword, hint, maxDepth, maxElements, names, calls, parseable.toString().strip(), json,
                materialized, into);
    }

    /** Whether only white space with a line break separates two strings: PostgreSQL joins them into one. */
    private static boolean continues(String sql, int from, int to) {
        boolean newline = false;
        for (int k = from; k < to; k++) {
            char c = sql.charAt(k);
            if (!SqlTokens.isSpace(c)) {
                return false;
            }
            newline |= c == '\n' || c == '\r';
        }
        return newline;
    }

    /**
     * Whether the name at {@code i} is one of {@code FOR UPDATE|SHARE|NO KEY UPDATE|KEY SHARE OF a, b}: it names a
     * FROM item of the same statement, no relation of its own.
     */
    private static boolean lockedRelation(List<SqlTokens.Token> tokens, int i) {
        int k = i - 1;
        int floor = Math.max(0, i - 64);
        while (k > floor && (tokens.get(k).isSymbol(",") || tokens.get(k).isIdentifier() || tokens.get(k).isSymbol("."))
                && !tokens.get(k).is("of")) {
            k--;
        }
        return k > 1 && tokens.get(k).is("of") && (tokens.get(k - 1).is("update") || tokens.get(k - 1).is("share"));
    }

    /**
     * Whether a comment is the scatter hint: a block comment whose text is exactly {@code limitless:allow-scatter},
     * optionally followed by white space and a reason. Mentioning the token inside other text is no hint.
     */
    static boolean isHint(SqlTokens.Comment comment) {
        if (!comment.block()) {
            return false;
        }
        String body = comment.body().strip();
        String hint = StatementAnalysis.ALLOW_SCATTER_HINT;
        if (!body.startsWith(hint)) {
            return false;
        }
        return body.length() == hint.length() || SqlTokens.isSpace(body.charAt(hint.length()));
    }

    /** The token as JSqlParser reads it reliably. */
    private static String forParser(SqlTokens.Token token) {
        String text = token.text();
        if (token.kind() == SqlTokens.Kind.QUOTED && text.charAt(0) != '"') {
            return '"' + token.identifier().replace("\"", "\"\"") + '"'; // U&"..." decoded
        }
        if (token.kind() != SqlTokens.Kind.STRING) {
            return text;
        }
        char first = text.charAt(0);
        if (first == '\'') {
            return text;
        }
        String content;
        if (first == '$') {
            int tagEnd = text.indexOf('$', 1);
            int close = text.lastIndexOf(text.substring(0, tagEnd + 1));
            content = close > tagEnd ? text.substring(tagEnd + 1, close) : text.substring(tagEnd + 1);
            return '\'' + content.replace("'", "''") + '\'';
        }
        // E'..', U&'..' (with a UESCAPE clause), N'..', B'..', X'..': the content up to the closing quote, as a
        // standard string whose quotes are doubled (the guard needs the value's identity, not its exact bytes)
        boolean backslashes = first == 'e' || first == 'E';
        int open = text.indexOf('\'');
        StringBuilder literal = new StringBuilder(text.length()).append('\'');
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (backslashes && c == '\\' && i + 1 < text.length()) {
                char escaped = text.charAt(++i);
                literal.append(escaped == '\'' ? "''" : String.valueOf(escaped));
            } else if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    literal.append("''");
                    i++;
                } else {
                    break;
                }
            } else {
                literal.append(c);
            }
        }
        return literal.append('\'').toString();
    }
}
