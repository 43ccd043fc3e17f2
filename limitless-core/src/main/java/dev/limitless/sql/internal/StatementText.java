package dev.limitless.sql.internal;

import java.util.List;

/** How a statement appears in messages, logs and the actuator endpoint: one owner for all of them. */
public final class StatementText {

    /** Longest shortened statement, in characters (plus an ellipsis). */
    public static final int SHORTENED_LENGTH = 160;

    private StatementText() {
    }

    /**
     * The statement with every literal and comment hidden, as the one lexer reads it: strings of every form
     * ({@code '..'}, {@code E'..'}, {@code U&'..'}, {@code B'..'}, {@code X'..'}, dollar quotes) become {@code '?'},
     * numbers {@code ?}, comments disappear. Identifiers, key words, operators and parameters stay. An unterminated
     * string or comment hides everything after its start.
     */
    public static String mask(String sql) {
        SqlTokens.Scan scan = SqlTokens.scan(sql);
        List<SqlTokens.Token> tokens = scan.tokens();
        StringBuilder text = new StringBuilder(sql.length());
        int copied = 0;
        for (SqlTokens.Token token : tokens) {
            // the gap before a token holds only white space and comments: keep one space for it
            if (token.start() > copied) {
                text.append(' ');
            }
            switch (token.kind()) {
                case STRING -> text.append("'?'");
                case NUMBER -> text.append('?');
                default -> text.append(token.text());
            }
            copied = token.end();
        }
        return text.toString().strip();
    }

    /**
     * The statement for a message: literals and comments masked ({@link #mask}), white space collapsed, cut to
     * {@value #SHORTENED_LENGTH} characters.
     */
    public static String shorten(String sql) {
        String masked = mask(sql);
        StringBuilder text = new StringBuilder(Math.min(masked.length(), SHORTENED_LENGTH + 16));
        boolean space = false;
        for (int i = 0; i < masked.length() && text.length() < SHORTENED_LENGTH; i++) {
            char c = masked.charAt(i);
            if (SqlTokens.isSpace(c)) {
                space = text.length() > 0;
            } else {
                text.append(space ? " " : "").append(c);
                space = false;
            }
        }
        return text.length() < SHORTENED_LENGTH ? text.toString()
                : text + "... (" + sql.length() + " characters)";
    }
}
