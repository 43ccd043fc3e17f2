package dev.limitless.jpa;

import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import java.util.List;
import java.util.Set;

/**
 * One entity as Hibernate maps it, with what the catalog says about its table.
 *
 * @param type the entity class
 * @param entityName the JPA entity name (as in JPQL)
 * @param table the table Hibernate writes (root table of the entity)
 * @param mode sharded, reference or standard
 * @param shardKey the shard-key columns in key order; empty unless sharded
 * @param idColumns the columns of the identifier (several for {@code @EmbeddedId}/{@code @IdClass})
 * @param shardKeyAttributes the non-id attributes that hold a shard-key column, by position in Hibernate's state array
 */
record JpaEntity(Class<?> type, String entityName, TableName table, TableMode mode, List<String> shardKey,
        Set<String> idColumns, List<ShardKeyAttribute> shardKeyAttributes) {

    boolean isSharded() {
        return mode == TableMode.SHARDED;
    }

    /** Whether the identifier contains every shard-key column, so that Hibernate's loads by id reach one shard. */
    boolean idCoversShardKey() {
        return idColumns.containsAll(shardKey);
    }

    /** {@code account_id} or {@code (item_id, item_cat)}, as in messages. */
    String shardKeyText() {
        return shardKey.size() == 1 ? shardKey.get(0) : "(" + String.join(", ", shardKey) + ")";
    }

    /**
     * A non-id attribute that maps a shard-key column.
     *
     * @param name the attribute name
     * @param index its position in Hibernate's entity state
     * @param column the shard-key column it maps
     * @param partitioned whether it is a Hibernate {@code @PartitionKey}, so UPDATE and DELETE carry it
     * @param readOnly whether Hibernate never writes it on UPDATE ({@code updatable = false})
     */
    record ShardKeyAttribute(String name, int index, String column, boolean partitioned, boolean readOnly) {
    }
}
