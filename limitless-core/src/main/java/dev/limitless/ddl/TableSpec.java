package dev.limitless.ddl;

import dev.limitless.catalog.TableName;
import java.util.List;
import java.util.Optional;

/**
 * What the rules need to know of one table: read from a {@code CREATE TABLE} (and later {@code ALTER TABLE} /
 * {@code CREATE UNIQUE INDEX}) or generated from an entity class.
 *
 * @param name the table
 * @param columns the columns in table order
 * @param keys the primary key, unique constraints and unique indexes
 * @param indexes the other (non-unique) indexes
 * @param foreignKeys the foreign keys this table declares
 * @param checks the CHECK constraints' expressions as written
 * @param features Aurora-refused table features the statement uses
 * @param location where the table is created, {@code file:line} (or the entity class)
 */
record TableSpec(TableName name, List<ColumnSpec> columns, List<KeySpec> keys, List<KeySpec> indexes, List<ForeignKeySpec> foreignKeys,
        List<CheckSpec> checks, List<Feature> features, String location) {

    public TableSpec {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        checks = List.copyOf(checks);
        features = List.copyOf(features);
    }

    /** The column of that (stored) name. */
    public Optional<ColumnSpec> column(String columnName) {
        return columns.stream().filter(column -> column.name().equals(columnName)).findFirst();
    }

    /** The primary key, if the table has one. */
    public Optional<KeySpec> primaryKey() {
        return keys.stream().filter(KeySpec::primary).findFirst();
    }

    /**
     * One column.
     *
     * @param name stored form
     * @param type the type as written, e.g. {@code bigint}, {@code numeric(12, 2)}
     * @param identity whether it is {@code GENERATED ... AS IDENTITY}
     * @param sequence whether its values come from a sequence ({@code serial} types or a {@code nextval} default)
     * @param location where the column is declared, {@code file:line}
     */
    public record ColumnSpec(String name, String type, boolean identity, boolean sequence, String location) {
    }

    /**
     * A primary key, unique constraint or index.
     *
     * @param primary whether it is the primary key
     * @param description e.g. {@code primary key}, {@code unique constraint orders_ref_key}, {@code unique index i}
     * @param columns stored column names; {@code null} entries are expressions
     * @param location {@code file:line}
     */
    public record KeySpec(boolean primary, String description, List<String> columns, String location) {

        public KeySpec {
            columns = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(columns));
        }
    }

    /**
     * A foreign key.
     *
     * @param constraintName the name as written (may be quoted), or {@code null}
     * @param columns the referencing columns (stored form)
     * @param target the referenced table
     * @param targetColumns the referenced columns (stored form); empty for the target's primary key
     * @param definition the text from {@code FOREIGN KEY} on, as Aurora needs it in {@code ALTER TABLE ... ADD}
     * @param location {@code file:line}
     */
    public record ForeignKeySpec(String constraintName, List<String> columns, TableName target, List<String> targetColumns,
            String definition, String location) {

        public ForeignKeySpec {
            columns = List.copyOf(columns);
            targetColumns = List.copyOf(targetColumns);
        }
    }

    /**
     * A CHECK constraint.
     *
     * @param expression the expression inside {@code CHECK (...)}
     * @param column the column it was declared on, or {@code null} for a table constraint
     */
    public record CheckSpec(String expression, String column, String location) {
    }

    /** Table features Aurora Limitless refuses on sharded and reference tables. */
    public enum Feature {
        /** {@code EXCLUDE} constraints */
        EXCLUDE,
        /** {@code WITH (...)} storage parameters */
        STORAGE_PARAMETERS,
        /** {@code PARTITION BY} */
        PARTITION_BY
    }
}
