package dev.limitless.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A schema-qualified table name, both parts as PostgreSQL stores them (unquoted identifiers folded to lower case).
 *
 * @param schema the schema, never empty
 * @param name the table name, never empty
 */
public record TableName(String schema, String name) implements Comparable<TableName> {

    public TableName {
        if (schema == null || schema.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A table name needs a schema and a name, got '" + schema + "." + name + "'");
        }
    }

    /** Builds from identifiers that are already in stored form (no quotes, no folding). */
    public static TableName of(String schema, String name) {
        return new TableName(schema, name);
    }

    /**
     * Parses SQL text such as {@code accounts}, {@code Ledger.Accounts} or {@code "Ledger"."Accounts"} the way
     * PostgreSQL does: unquoted parts are folded to lower case, quoted parts are kept, {@code ""} escapes a quote.
     *
     * @param defaultSchema the schema of an unqualified name
     * @throws IllegalArgumentException if the text is not one or two identifiers separated by a dot
     */
    public static TableName parse(String text, String defaultSchema) {
        List<String> parts = identifiers(text);
        if (parts.size() == 1) {
            return new TableName(defaultSchema, parts.get(0));
        }
        if (parts.size() == 2) {
            return new TableName(parts.get(0), parts.get(1));
        }
        throw new IllegalArgumentException("'" + text + "' is not a table name: expected name or schema.name");
    }

    /**
     * Splits dotted SQL identifiers and normalizes each as PostgreSQL does.
     *
     * @throws IllegalArgumentException for an empty part or an unterminated quote
     */
    public static List<String> identifiers(String text) {
        if (text == null) {
            throw new IllegalArgumentException("A table name is required");
        }
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean ended = false; // whitespace followed the part: only a dot or more whitespace may come
        String trimmed = text.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < trimmed.length() && trimmed.charAt(i + 1) == '"') {
                        current.append('"');
                        i++;
                    } else {
                        quoted = false;
                        ended = true;
                    }
                } else {
                    current.append(c);
                }
            } else if (c == '.') {
                parts.add(finish(current, wasQuoted, text));
                current.setLength(0);
                wasQuoted = false;
                ended = false;
            } else if (Character.isWhitespace(c)) {
                ended = ended || !current.isEmpty();
            } else if (ended) {
                throw new IllegalArgumentException("'" + DeclaredNames.display(text) + "' has a space inside a name;"
                        + " PostgreSQL reads an unquoted name up to the first space: quote it (\"...\") to keep the"
                        + " space, or use an underscore");
            } else if (c == '"' && current.isEmpty()) {
                quoted = true;
                wasQuoted = true;
            } else if (isIdentifierCharacter(c, current.isEmpty())) {
                // PostgreSQL folds only ASCII letters of unquoted names (in UTF-8 databases)
                current.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            } else {
                throw new IllegalArgumentException("'" + DeclaredNames.display(text) + "' contains '"
                        + DeclaredNames.display(String.valueOf(c)) + "', which an unquoted name cannot hold: quote the"
                        + " name (\"...\") to keep it exactly, or use letters, digits, _ and $ only");
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Unterminated quoted identifier in '" + DeclaredNames.display(text) + "'");
        }
        parts.add(finish(current, wasQuoted, text));
        return parts;
    }

    /** Letters, {@code _} and any non-ASCII character start a name; digits and {@code $} may follow. */
    private static boolean isIdentifierCharacter(char c, boolean first) {
        if (c >= 0x80) {
            return !DeclaredNames.isControl(c);
        }
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        return letter || (!first && ((c >= '0' && c <= '9') || c == '$'));
    }

    /** Normalizes one identifier as PostgreSQL stores it: quoted kept, unquoted folded to lower case. */
    public static String identifier(String text) {
        List<String> parts = identifiers(text);
        if (parts.size() != 1) {
            throw new IllegalArgumentException("'" + text + "' is not a single identifier");
        }
        return parts.get(0);
    }

    private static String finish(StringBuilder current, boolean wasQuoted, String text) {
        if (current.isEmpty()) {
            throw new IllegalArgumentException("Empty identifier in '" + DeclaredNames.display(text) + "'");
        }
        return current.toString();
    }

    /** {@code schema.name}, each part quoted only when PostgreSQL needs it. */
    public String sql() {
        return quote(schema) + "." + quote(name);
    }

    /** Quotes an identifier only when it is not a plain lower-case identifier. */
    public static String quote(String identifier) {
        if (identifier.matches("[a-z_][a-z0-9_$]*") && !SqlKeywords.isReserved(identifier)) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public int compareTo(TableName other) {
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
