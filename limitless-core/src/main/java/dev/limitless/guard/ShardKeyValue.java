package dev.limitless.guard;

import dev.limitless.catalog.TableName;

/**
 * A shard-key value the guard saw in the SQL text. Bind values are never kept: a parameter is named by its position.
 *
 * @param table the sharded table
 * @param column the shard-key column
 * @param value the literal as written ({@code 42}, {@code 'a1b2'}), or the parameter ({@code ?1}, {@code $1}, {@code :id})
 */
public record ShardKeyValue(TableName table, String column, String value) {

    @Override
    public String toString() {
        return table + "." + column + " = " + value;
    }
}
