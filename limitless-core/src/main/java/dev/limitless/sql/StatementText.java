package dev.limitless.sql;

/** How a statement appears in messages, logs and the actuator endpoint: one owner for all of them. */
public final class StatementText {

    /** Longest shortened statement, in characters (plus an ellipsis). */
    public static final int SHORTENED_LENGTH = 160;

    private StatementText() {
    }

    /**
     * The statement for a message: white space collapsed, string literals masked (they may hold values or
     * secrets), cut to {@value #SHORTENED_LENGTH} characters.
     */
    public static String shorten(String sql) {
        StringBuilder text = new StringBuilder(Math.min(sql.length(), SHORTENED_LENGTH + 16));
        boolean space = false;
        for (int i = 0; i < sql.length() && text.length() < SHORTENED_LENGTH; i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < sql.length()) {
                    if (sql.charAt(end) == '\'' && (end + 1 == sql.length() || sql.charAt(end + 1) != '\'')) {
                        break;
                    }
                    end += sql.charAt(end) == '\'' ? 2 : 1;
                }
                text.append(space ? " " : "").append("'?'");
                space = false;
                i = end;
            } else if (Character.isWhitespace(c)) {
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
