package dev.limitless.catalog;

import java.nio.charset.StandardCharsets;

/**
 * Checks the names a catalog file or an entity declares, before they reach generated DDL, log lines or a database.
 * PostgreSQL silently truncates an identifier to 63 bytes (so a longer name would refer to another one), Aurora
 * Limitless refuses sharded and reference table names over 54 characters, and a control character in a name can
 * break out of a generated comment line or forge a log line.
 */
final class DeclaredNames {

    /** PostgreSQL's NAMEDATALEN - 1. */
    static final int MAX_IDENTIFIER_BYTES = 63;
    /** Aurora Limitless' limit on the name of a sharded (and, to be safe, reference) table. */
    static final int MAX_LIMITLESS_TABLE_NAME = 54;

    private DeclaredNames() {
    }

    /** Throws a {@link CatalogException} naming {@code what} and {@code source} when the identifier cannot be used. */
    static void check(String identifier, String what, String source) {
        for (int i = 0; i < identifier.length(); ) {
            int c = identifier.codePointAt(i);
            if (isControl(c)) {
                throw new CatalogException(source + ": the " + what + " '" + display(identifier) + "' contains the control"
                        + " character U+" + String.format("%04X", c) + "; names may not contain line breaks or other"
                        + " control characters: rename it");
            }
            i += Character.charCount(c);
        }
        int bytes = identifier.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_IDENTIFIER_BYTES) {
            throw new CatalogException(source + ": the " + what + " '" + display(identifier) + "' is " + bytes
                    + " bytes long; PostgreSQL keeps only the first " + MAX_IDENTIFIER_BYTES + " bytes of a name, so it"
                    + " would silently mean another one: shorten it");
        }
    }

    /** Checks every name of a declared table, and Limitless' length limit for sharded and reference tables. */
    static void check(TableDefinition definition) {
        String source = definition.source();
        check(definition.name().schema(), "schema name", source);
        check(definition.name().name(), "table name", source);
        for (String column : definition.shardKey()) {
            check(column, "shard-key column name", source);
        }
        if (definition.collocateWith() != null) {
            check(definition.collocateWith().schema(), "collocateWith schema name", source);
            check(definition.collocateWith().name(), "collocateWith table name", source);
        }
        String name = definition.name().name();
        int characters = name.codePointCount(0, name.length());
        if (definition.mode() != TableMode.STANDARD && characters > MAX_LIMITLESS_TABLE_NAME) {
            throw new CatalogException(source + ": the " + definition.mode().auroraName() + " table name '" + name
                    + "' has " + characters + " characters; Aurora Limitless allows at most " + MAX_LIMITLESS_TABLE_NAME
                    + " for sharded and reference tables: shorten it");
        }
    }

    /** Line breaks, tabs, other C0/C1 controls and the Unicode line and paragraph separators. */
    static boolean isControl(int c) {
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
    }

    /** The name with control characters written as {@code \\uXXXX}, so a message stays one line. */
    static String display(String identifier) {
        StringBuilder text = new StringBuilder(identifier.length());
        identifier.codePoints().forEach(c -> {
            if (isControl(c)) {
                text.append(String.format("\\u%04X", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.toString();
    }
}
