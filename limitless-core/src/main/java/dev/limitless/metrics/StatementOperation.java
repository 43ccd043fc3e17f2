package dev.limitless.metrics;

/** The {@code operation} tag of {@code limitless.statement}: what kind of statement ran. */
public enum StatementOperation {
    SELECT("select"), INSERT("insert"), UPDATE("update"), DELETE("delete"), OTHER("other");

    private final String tag;

    StatementOperation(String tag) {
        this.tag = tag;
    }

    /** The tag value, e.g. {@code select}. */
    public String tag() {
        return tag;
    }

    /**
     * The operation of a SQL text by its first keyword (after comments and parentheses); {@code WITH} and
     * everything else is {@link #OTHER}. Cheap, but meant to run once per distinct text like the rest of the analysis.
     */
    public static StatementOperation of(String sql) {
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < length && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        String word = sql.substring(start, i);
        for (StatementOperation operation : values()) {
            if (operation != OTHER && operation.tag.equalsIgnoreCase(word)) {
                return operation;
            }
        }
        return OTHER;
    }
}
