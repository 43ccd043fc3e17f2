package dev.limitless.repository;

import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.ReferenceTable;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.ShardKey;
import dev.limitless.catalog.ShardedTable;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.relational.core.mapping.AggregatePath;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.data.relational.core.mapping.Table;

/**
 * Describes entities through Spring Data's own mapping ({@link RelationalMappingContext}): column names, embedded
 * and composite ids as Spring Data writes them, plus {@link ShardedTable}/{@link ShardKey}/{@link ReferenceTable}
 * and, for entities without those annotations, the {@link ShardCatalog}. Descriptions are cached per class.
 */
final class ShardedEntities {

    private final RelationalMappingContext mappingContext;
    private final ShardCatalog catalog;
    private final Map<Class<?>, ShardedEntity> cache = new ConcurrentHashMap<>();

    ShardedEntities(RelationalMappingContext mappingContext, ShardCatalog catalog) {
        this.mappingContext = mappingContext;
        this.catalog = catalog;
    }

    RelationalMappingContext mappingContext() {
        return mappingContext;
    }

    /**
     * The description of an aggregate root type.
     *
     * @throws CatalogException when the annotations name a shard-key column the entity does not map
     */
    ShardedEntity describe(Class<?> type) {
        ShardedEntity known = cache.get(type);
        return known != null ? known : cache.computeIfAbsent(type, this::build);
    }

    private ShardedEntity build(Class<?> type) {
        RelationalPersistentEntity<?> entity = mappingContext.getRequiredPersistentEntity(type);
        TableName table = tableOf(entity);
        Map<String, Leaf> leaves = new LinkedHashMap<>();
        collect(mappingContext.getAggregatePath(entity), entity, false, leaves);
        List<ShardedEntity.MappedColumn> columns = new ArrayList<>();
        leaves.values().forEach(leaf -> {
            RelationalPersistentProperty property = leaf.path().getRequiredLeafProperty();
            columns.add(new ShardedEntity.MappedColumn(leaf.column(), leaf.path().getRequiredPersistentPropertyPath(),
                    leaf.inId(), property.isVersionProperty(), property.isWritable() && !property.isInsertOnly()));
        });
        RelationalPersistentProperty id = entity.getIdProperty();
        boolean compositeId = id != null && id.isEmbedded();

        ShardedTable sharded = AnnotatedElementUtils.findMergedAnnotation(type, ShardedTable.class);
        boolean reference = AnnotatedElementUtils.hasAnnotation(type, ReferenceTable.class);
        if (sharded != null && reference) {
            throw new CatalogException(type.getName() + " is annotated both @ShardedTable and @ReferenceTable; keep one");
        }
        Optional<TableDefinition> cataloged = catalog.find(table);
        TableMode mode = sharded != null ? TableMode.SHARDED
                : reference ? TableMode.REFERENCE
                : cataloged.map(TableDefinition::mode).orElse(TableMode.STANDARD);
        if (mode != TableMode.SHARDED) {
            return new ShardedEntity(type, table, mode, List.of(), columns, compositeId);
        }
        List<String> keyColumns = shardKeyColumns(type, sharded, leaves, cataloged);
        List<ShardedEntity.ShardKeyColumn> shardKey = new ArrayList<>();
        for (String column : keyColumns) {
            Leaf leaf = leaves.get(column);
            if (leaf == null) {
                throw new CatalogException("Entity " + type.getName() + " (table " + table + ") has shard key column "
                        + column + ", but maps no such column; mapped columns are " + leaves.keySet()
                        + ". Map the shard key as a property (or part of a composite id) or fix the shard key.");
            }
            shardKey.add(new ShardedEntity.ShardKeyColumn(column, leaf.path().toDotPath(), leaf.inId(),
                    leaf.path().getRequiredPersistentPropertyPath()));
        }
        return new ShardedEntity(type, table, mode, shardKey, columns, compositeId);
    }

    private static List<String> shardKeyColumns(Class<?> type, ShardedTable sharded, Map<String, Leaf> leaves,
            Optional<TableDefinition> cataloged) {
        if (sharded != null && sharded.shardKey().length > 0) {
            List<String> columns = new ArrayList<>();
            for (String column : sharded.shardKey()) {
                columns.add(TableName.identifier(column));
            }
            return columns;
        }
        List<String> annotated = leaves.values().stream().filter(Leaf::annotatedShardKey).map(Leaf::column).toList();
        if (!annotated.isEmpty()) {
            return annotated;
        }
        if (cataloged.isPresent() && cataloged.get().isSharded()) {
            return cataloged.get().shardKey();
        }
        throw new CatalogException("Entity " + type.getName() + " is @ShardedTable but names no shard key: give"
                + " @ShardedTable(shardKey = {\"...\"}) or mark the key fields @ShardKey");
    }

    private TableName tableOf(RelationalPersistentEntity<?> entity) {
        Table table = AnnotatedElementUtils.findMergedAnnotation(entity.getType(), Table.class);
        String schema = table != null && !table.schema().isEmpty() ? TableName.identifier(table.schema())
                : catalog.defaultSchema();
        return new TableName(schema, entity.getTableName().getReference());
    }

    /** Walks the columns of the root table: plain properties, embedded values and composite ids, not child tables. */
    private void collect(AggregatePath parent, RelationalPersistentEntity<?> entity, boolean inId, Map<String, Leaf> leaves) {
        for (RelationalPersistentProperty property : entity) {
            AggregatePath path = parent.append(property);
            boolean partOfId = inId || property.isIdProperty();
            if (path.isEmbedded()) {
                collect(path, path.getRequiredLeafEntity(), partOfId, leaves);
            } else if (!path.isEntity() && !path.isMultiValued()) {
                String column = path.getColumnInfo().name().getReference();
                leaves.put(column, new Leaf(column, path, partOfId, property.isAnnotationPresent(ShardKey.class)));
            }
        }
    }

    private record Leaf(String column, AggregatePath path, boolean inId, boolean annotatedShardKey) {
    }
}
