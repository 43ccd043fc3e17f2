package dev.limitless.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One pass over SQL text without parsing it: the first keyword, the scatter hint, the deepest parenthesis nesting
 * and the (possibly qualified) identifiers outside strings and comments. Cheap and total: it never throws, so it can
 * judge text before the parser is trusted with it.
 */
final class SqlText {

    final String firstKeyword;
    final boolean allowScatterHint;
    final int maxNesting;
    /** Elements of the longest parenthesized list (an IN list, a VALUES row, a function's arguments). */
    final int maxListElements;
    /** Dotted identifier chains in stored form, e.g. [public, accounts] or [accounts]. */
    final List<List<String>> names;
    /**
     * The text for the parser: comments replaced by a space (JSqlParser does not read nested block comments, and
     * parentheses inside comments mislead it), dollar-quoted and {@code E''} strings rewritten as standard strings,
     * which JSqlParser does not read reliably (it may silently drop the rest of the statement).
     */
    final String parseable;

    private SqlText(String firstKeyword, boolean allowScatterHint, int maxNesting, int maxListElements,
            List<List<String>> names, String parseable) {
        this.firstKeyword = firstKeyword;
        this.allowScatterHint = allowScatterHint;
        this.maxNesting = maxNesting;
        this.maxListElements = maxListElements;
        this.names = names;
        this.parseable = parseable;
    }

    static SqlText scan(String sql) {
        String firstKeyword = null;
        boolean hint = false;
        int depth = 0;
        int maxDepth = 0;
        int[] elements = new int[16]; // elements counted so far in the open list at each depth
        int maxElements = 0;
        List<List<String>> names = new ArrayList<>();
        List<String> chain = null;
        boolean expectingPart = false;
        StringBuilder rewritten = null;
        int copiedUpTo = 0;
        int length = sql.length();
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? length : end;
                hint |= containsHint(sql, i, end);
                rewritten = rewritten == null ? new StringBuilder(length + 8) : rewritten;
                rewritten.append(sql, copiedUpTo, i).append(' ');
                copiedUpTo = end;
                i = end;
                continue;
            }
            if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int nested = 1;
                int j = i + 2;
                while (j < length && nested > 0) {
                    if (sql.startsWith("/*", j)) {
                        nested++;
                        j += 2;
                    } else if (sql.startsWith("*/", j)) {
                        nested--;
                        j += 2;
                    } else {
                        j++;
                    }
                }
                hint |= containsHint(sql, i, j);
                rewritten = rewritten == null ? new StringBuilder(length + 8) : rewritten;
                rewritten.append(sql, copiedUpTo, i).append(' ');
                copiedUpTo = j;
                i = j;
                continue;
            }
            if (c == '\'') {
                int j = i + 1;
                boolean backslash = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
                while (j < length) {
                    char d = sql.charAt(j);
                    if (backslash && d == '\\') {
                        j += 2;
                    } else if (d == '\'') {
                        if (j + 1 < length && sql.charAt(j + 1) == '\'') {
                            j += 2;
                        } else {
                            break;
                        }
                    } else {
                        j++;
                    }
                }
                if (backslash && j < length) {
                    // E'...' with backslash escapes: the parser gets a standard string (escapes are irrelevant here)
                    rewritten = rewritten == null ? new StringBuilder(length + 8) : rewritten;
                    rewritten.append(sql, copiedUpTo, i - 1).append('\'')
                            .append(sql.substring(i + 1, j).replace("\\\\", "").replace("\\'", "''")).append('\'');
                    copiedUpTo = j + 1;
                }
                i = j + 1;
                chain = null;
                continue;
            }
            if (c == '$' && i + 1 < length && (sql.charAt(i + 1) == '$' || Character.isLetter(sql.charAt(i + 1)) || sql.charAt(i + 1) == '_')
                    && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
                int tagEnd = sql.indexOf('$', i + 1);
                if (tagEnd > 0 && sql.substring(i + 1, tagEnd).chars().allMatch(ch -> isIdentifierPart((char) ch))) {
                    String tag = sql.substring(i, tagEnd + 1);
                    int close = sql.indexOf(tag, tagEnd + 1);
                    if (close >= 0) {
                        rewritten = rewritten == null ? new StringBuilder(length + 8) : rewritten;
                        rewritten.append(sql, copiedUpTo, i).append('\'')
                                .append(sql.substring(tagEnd + 1, close).replace("'", "''")).append('\'');
                        copiedUpTo = close + tag.length();
                    }
                    i = close < 0 ? length : close + tag.length();
                    chain = null;
                    continue;
                }
            }
            if (c == '"' || Character.isLetter(c) || c == '_') {
                String part;
                if (c == '"') {
                    StringBuilder quoted = new StringBuilder();
                    int j = i + 1;
                    while (j < length) {
                        char d = sql.charAt(j);
                        if (d == '"') {
                            if (j + 1 < length && sql.charAt(j + 1) == '"') {
                                quoted.append('"');
                                j += 2;
                                continue;
                            }
                            break;
                        }
                        quoted.append(d);
                        j++;
                    }
                    part = quoted.toString();
                    i = j + 1;
                } else {
                    int j = i;
                    while (j < length && isIdentifierPart(sql.charAt(j))) {
                        j++;
                    }
                    part = sql.substring(i, j).toLowerCase(Locale.ROOT);
                    if (firstKeyword == null) {
                        firstKeyword = part;
                    }
                    i = j;
                }
                if (expectingPart && chain != null) {
                    chain.add(part);
                } else {
                    chain = new ArrayList<>(2);
                    chain.add(part);
                    names.add(chain);
                }
                expectingPart = false;
                continue;
            }
            if (c == '.' && chain != null) {
                expectingPart = true;
                i++;
                continue;
            }
            if (c == '(') {
                depth++;
                maxDepth = Math.max(maxDepth, depth);
                if (depth >= elements.length) {
                    elements = java.util.Arrays.copyOf(elements, depth * 2);
                }
                elements[depth] = 1;
                if (firstKeyword == null) {
                    firstKeyword = "(";
                }
            } else if (c == ')') {
                if (depth > 0) {
                    maxElements = Math.max(maxElements, elements[depth]);
                }
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth > 0) {
                elements[depth]++;
            }
            if (!Character.isWhitespace(c)) {
                chain = null;
                expectingPart = false;
            }
            i++;
        }
        String parseable = rewritten == null ? sql : rewritten.append(sql, copiedUpTo, length).toString();
        for (int open = 1; open <= depth; open++) {
            maxElements = Math.max(maxElements, elements[open]);
        }
        return new SqlText(firstKeyword == null ? "" : firstKeyword, hint, maxDepth, maxElements, names, parseable);
    }

    private static boolean containsHint(String sql, int from, int to) {
        String hint = StatementAnalysis.ALLOW_SCATTER_HINT;
        for (int k = from; k + hint.length() <= to; k++) {
            if (sql.regionMatches(true, k, hint, 0, hint.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
