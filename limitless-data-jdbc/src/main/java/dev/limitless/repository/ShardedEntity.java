package dev.limitless.repository;

import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Persistable;
import org.springframework.data.mapping.AccessOptions;
import org.springframework.data.mapping.PersistentPropertyPath;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;

/**
 * The runtime view of one aggregate root through Spring Data's mapping: its table, how Limitless stores it and
 * which mapped properties hold the shard key.
 *
 * @param type the entity class
 * @param table the table of the aggregate root
 * @param mode sharded, reference or standard
 * @param shardKey the shard-key columns in key order; empty unless sharded
 * @param columns every column of the root table, as Spring Data maps them
 * @param compositeId whether the id is a composite (embedded) id
 */
record ShardedEntity(Class<?> type, TableName table, TableMode mode, List<ShardKeyColumn> shardKey,
        List<MappedColumn> columns, boolean compositeId) {

    ShardedEntity {
        shardKey = List.copyOf(shardKey);
        columns = List.copyOf(columns);
    }

    boolean isSharded() {
        return mode == TableMode.SHARDED;
    }

    /** Whether the id of the entity contains every shard-key column, so that id lookups reach one shard. */
    boolean idCoversShardKey() {
        return shardKey.stream().allMatch(ShardKeyColumn::inId);
    }

    /** Whether Spring Data can tell a new instance from a stored one although the id is set: {@code @Version} or Persistable. */
    boolean tellsNewFromPersisted() {
        return Persistable.class.isAssignableFrom(type) || columns.stream().anyMatch(MappedColumn::version);
    }

    /** The shard-key column mapped by a property path, or {@code null}. */
    ShardKeyColumn shardKeyColumn(String dotPath) {
        for (ShardKeyColumn column : shardKey) {
            if (column.propertyPath().equals(dotPath)) {
                return column;
            }
        }
        return null;
    }

    /** The shard-key values of an instance in key order; an element is {@code null} where the key is not set. */
    List<Object> shardKeyValues(RelationalPersistentEntity<?> entity, Object instance) {
        List<Object> values = new ArrayList<>(shardKey.size());
        for (ShardKeyColumn column : shardKey) {
            values.add(column.valueIn(entity, instance));
        }
        return values;
    }

    /** {@code account_id} or {@code (item_id, item_cat)}, as in messages. */
    String shardKeyText() {
        List<String> columns = shardKey.stream().map(ShardKeyColumn::column).toList();
        return columns.size() == 1 ? columns.get(0) : "(" + String.join(", ", columns) + ")";
    }

    /** Property paths of the shard key in key order, as Spring Data names them in derived queries. */
    String shardKeyProperties() {
        return String.join(", ", shardKey.stream().map(ShardKeyColumn::propertyPath).toList());
    }

    /**
     * One column of the root table and the property path that holds it.
     *
     * @param column the column (stored form)
     * @param path the property path from the aggregate root
     * @param inId whether the column is the id or part of a composite id
     * @param version whether it is the {@code @Version} column
     * @param updatable whether Spring Data writes it on UPDATE (not insert-only, not read-only)
     */
    record MappedColumn(String column, PersistentPropertyPath<RelationalPersistentProperty> path, boolean inId,
            boolean version, boolean updatable) {
    }

    /**
     * One shard-key column and the mapped property that holds it.
     *
     * @param column the column (stored form)
     * @param propertyPath the dot path of the property, e.g. {@code accountId} or {@code id.accountId}
     * @param inId whether the property is the id or part of a composite id
     * @param path the property path, to read values
     */
    record ShardKeyColumn(String column, String propertyPath, boolean inId,
            PersistentPropertyPath<RelationalPersistentProperty> path) {

        static final AccessOptions.GetOptions NULL_SAFE =
                AccessOptions.defaultGetOptions().withNullValues(AccessOptions.GetOptions.GetNulls.EARLY_RETURN);

        Object valueIn(RelationalPersistentEntity<?> entity, Object instance) {
            return entity.getPropertyPathAccessor(instance).getProperty(path, NULL_SAFE);
        }
    }
}
