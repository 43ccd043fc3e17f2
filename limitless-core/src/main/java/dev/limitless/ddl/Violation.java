package dev.limitless.ddl;

import dev.limitless.catalog.TableName;

/**
 * One broken rule.
 *
 * @param rule the rule
 * @param table the table
 * @param column the column (or constraint) concerned, or {@code null} when the whole table is
 * @param location {@code file:line} or the entity class
 * @param message what is wrong and how to fix it
 */
public record Violation(Rule rule, TableName table, String column, String location, String message) {

    /** Whether this is only a warning. */
    public boolean warning() {
        return rule.warning();
    }

    /** {@code schema.sql:12: error [primary-key-shard-key] public.orders (id): message}. */
    @Override
    public String toString() {
        return location + ": " + (warning() ? "warning" : "error") + " [" + rule.id() + "] " + table
                + (column == null ? "" : " (" + column + ")") + ": " + message;
    }
}
