package dev.limitless.catalog;

import java.util.Comparator;
import java.util.List;

/**
 * How one entity class maps to a table: its catalog definition and its columns. Built by a mapping module (for
 * Spring Data JDBC entities limitless-data-jdbc's {@code EntityCatalog.describe(Class, String)}); reusable wherever
 * code needs the shard key of an entity (for example to check that a repository query names it) and by
 * {@code LimitlessDdl.fromEntityTables} to generate DDL.
 *
 * @param type the entity class
 * @param definition the table as the catalog sees it (mode, shard key, collocation; source names the class)
 * @param columns every mapped column, in declaration order (embedded and composite-id fields expanded)
 */
public record EntityTable(Class<?> type, TableDefinition definition, List<EntityColumn> columns) {

    /**
     * @throws CatalogException when a name cannot be used in DDL (a control character, over PostgreSQL's 63 bytes, a
     *     sharded or reference table name over Aurora Limitless' 54 characters), naming the entity: entity names are
     *     kept exactly as written, so they are checked before any DDL
     */
    public EntityTable {
        columns = List.copyOf(columns);
        DeclaredNames.check(definition);
        for (EntityColumn column : columns) {
            DeclaredNames.check(column.column(), "column name of " + column.propertyPath(), definition.source());
        }
    }

    /** The columns of the id (several for a composite id), in declaration order. */
    public List<EntityColumn> idColumns() {
        return columns.stream().filter(EntityColumn::id).toList();
    }

    /** The shard-key columns in key order; empty unless the table is sharded. */
    public List<EntityColumn> shardKeyColumns() {
        List<String> key = definition.shardKey();
        return columns.stream().filter(column -> key.contains(column.column()))
                .sorted(Comparator.comparingInt(column -> key.indexOf(column.column()))).toList();
    }

    /**
     * One mapped column.
     *
     * @param propertyPath the Java property path, e.g. {@code id.accountId} for a field of a composite id
     * @param column the column name (stored form)
     * @param javaType the property's type (for {@code AggregateReference<T, ID>} the type of ID)
     * @param id whether it is (part of) the {@code @Id}
     * @param shardKey whether it is part of the shard key
     * @param nullable whether Java allows null (false for primitives)
     */
    public record EntityColumn(String propertyPath, String column, Class<?> javaType, boolean id, boolean shardKey, boolean nullable) {
    }
}
