package dev.limitless.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
                    }
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                parts.add(finish(current, wasQuoted, text));
                current.setLength(0);
                wasQuoted = false;
            } else if (!Character.isWhitespace(c)) {
                current.append(Character.toLowerCase(c));
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Unterminated quoted identifier in '" + text + "'");
        }
        parts.add(finish(current, wasQuoted, text));
        return parts;
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
            throw new IllegalArgumentException("Empty identifier in '" + text + "'");
        }
        return wasQuoted ? current.toString() : current.toString().toLowerCase(Locale.ROOT);
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
