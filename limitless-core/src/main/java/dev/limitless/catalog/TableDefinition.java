package dev.limitless.catalog;

import java.util.List;
import java.util.Objects;

/**
 * What the catalog knows of one table.
 *
 * @param name the table
 * @param mode sharded, reference or standard
 * @param shardKey the shard-key columns in key order (stored form); empty unless sharded
 * @param collocateWith the table this one is collocated with, or {@code null}
 * @param source where the definition came from (a file and line, an entity class, the live database), for errors
 * @param shardKeyTypes the PostgreSQL types of the shard-key columns in key order (e.g. {@code bigint}), or empty when
 *     unknown: a value pins a shard only when PostgreSQL compares it with the key column without casting the column
 * @param columns all columns in table order (stored form), or empty when unknown: the guard needs them to follow an
 *     alias column list ({@code FROM t AS x(a, b)}) or a column that is not the inner table's
 */
public record TableDefinition(TableName name, TableMode mode, List<String> shardKey, TableName collocateWith, String source,
        List<String> shardKeyTypes, List<String> columns) {

    public TableDefinition(TableName name, TableMode mode, List<String> shardKey, TableName collocateWith, String source) {
        this(name, mode, shardKey, collocateWith, source, List.of(), List.of());
    }

    public TableDefinition(TableName name, TableMode mode, List<String> shardKey, TableName collocateWith, String source,
            List<String> shardKeyTypes) {
        this(name, mode, shardKey, collocateWith, source, shardKeyTypes, List.of());
    }

    public TableDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        shardKey = shardKey == null ? List.of() : List.copyOf(shardKey);
        source = source == null ? "unknown source" : source;
        shardKeyTypes = shardKeyTypes == null ? List.of() : List.copyOf(shardKeyTypes);
        columns = columns == null ? List.of() : List.copyOf(columns);
        if (!shardKeyTypes.isEmpty() && shardKeyTypes.size() != shardKey.size()) {
            throw new CatalogException("Table " + name + " (" + source + ") has " + shardKeyTypes.size()
                    + " shard-key types for " + shardKey.size() + " shard-key columns; give one type per column, in key order");
        }
        if (mode == TableMode.SHARDED && shardKey.isEmpty()) {
            throw new CatalogException("Sharded table " + name + " (" + source + ") has no shard key; name its columns");
        }
        if (mode != TableMode.SHARDED && !shardKey.isEmpty()) {
            throw new CatalogException(mode.auroraName() + " table " + name + " (" + source + ") has a shard key "
                    + shardKey + "; only sharded tables have one");
        }
        if (mode != TableMode.SHARDED && collocateWith != null) {
            throw new CatalogException(mode.auroraName() + " table " + name + " (" + source
                    + ") is collocated with " + collocateWith + "; only sharded tables can be collocated");
        }
        if (shardKey.size() != shardKey.stream().distinct().count()) {
            throw new CatalogException("Shard key " + shardKey + " of " + name + " (" + source + ") names a column twice");
        }
    }

    public static TableDefinition sharded(TableName name, List<String> shardKey, TableName collocateWith, String source) {
        return new TableDefinition(name, TableMode.SHARDED, shardKey, collocateWith, source);
    }

    public static TableDefinition reference(TableName name, String source) {
        return new TableDefinition(name, TableMode.REFERENCE, List.of(), null, source);
    }

    public static TableDefinition standard(TableName name, String source) {
        return new TableDefinition(name, TableMode.STANDARD, List.of(), null, source);
    }

    /** The same definition with the shard-key columns' types (empty: unknown). */
    public TableDefinition withShardKeyTypes(List<String> types) {
        return new TableDefinition(name, mode, shardKey, collocateWith, source, types, columns);
    }

    /** The same definition with all its columns in table order (empty: unknown). */
    public TableDefinition withColumns(List<String> tableColumns) {
        return new TableDefinition(name, mode, shardKey, collocateWith, source, shardKeyTypes, tableColumns);
    }

    /** The type of a shard-key column, or {@code null} when unknown. */
    public String shardKeyType(int position) {
        return shardKeyTypes.isEmpty() ? null : shardKeyTypes.get(position);
    }

    public boolean isSharded() {
        return mode == TableMode.SHARDED;
    }

    /** Whether two definitions say the same thing (sources aside). */
    public boolean sameAs(TableDefinition other) {
        return name.equals(other.name) && mode == other.mode && shardKey.equals(other.shardKey)
                && Objects.equals(collocateWith, other.collocateWith);
    }

    /** One line, as in error messages: {@code sharded public.transactions (account_id) collocated with public.accounts}. */
    public String describe() {
        StringBuilder text = new StringBuilder(mode.auroraName()).append(' ').append(name);
        if (!shardKey.isEmpty()) {
            text.append(" (").append(String.join(", ", shardKey)).append(')');
        }
        if (collocateWith != null) {
            text.append(" collocated with ").append(collocateWith);
        }
        return text.toString();
    }
}
