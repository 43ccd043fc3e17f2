package dev.limitless.repository;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.event.AfterConvertCallback;
import org.springframework.data.relational.core.mapping.event.AfterSaveCallback;
import org.springframework.data.relational.core.mapping.event.BeforeConvertCallback;

/**
 * Entity rules for sharded aggregates, run by Spring Data before and after it writes SQL:
 * a null shard key is refused before any SQL ({@link NullShardKeyException}); so is a shard key that differs from
 * the one the same instance was loaded or saved with ({@link ShardKeyChangeException}), because Aurora cannot move a
 * row to another shard by UPDATE. Instances are remembered weakly, by identity, so nothing is kept alive.
 */
final class ShardKeyCallbacks implements BeforeConvertCallback<Object>, AfterConvertCallback<Object>,
        AfterSaveCallback<Object>, Ordered {

    private final ShardedEntities entities;
    private final LoadedShardKeys knownKeys = new LoadedShardKeys();

    ShardKeyCallbacks(ShardedEntities entities) {
        this.entities = entities;
    }

    @Override
    public Object onBeforeConvert(Object aggregate) {
        ShardedEntity entity = entities.describe(aggregate.getClass());
        if (!entity.isSharded()) {
            return aggregate;
        }
        List<Object> key = entity.shardKeyValues(persistent(aggregate), aggregate);
        for (int i = 0; i < key.size(); i++) {
            if (key.get(i) == null) {
                ShardedEntity.ShardKeyColumn column = entity.shardKey().get(i);
                throw new NullShardKeyException("Cannot save " + aggregate.getClass().getSimpleName() + ": shard key column "
                        + column.column() + " (property " + column.propertyPath() + ") of sharded table " + entity.table()
                        + " is null. Set it before saving; Limitless routes every row by its shard key. No SQL was sent.");
            }
        }
        List<Object> known = knownKeys.of(aggregate);
        if (known != null && !known.equals(key)) {
            throw new ShardKeyChangeException("Cannot save " + aggregate.getClass().getSimpleName() + ": its shard key "
                    + entity.shardKeyText() + " in " + entity.table() + " changed since it was loaded or saved, and Aurora"
                    + " Limitless cannot update a shard key. Delete the entity and save a new one with the new key. No SQL was sent.");
        }
        return aggregate;
    }

    @Override
    public Object onAfterConvert(Object aggregate) {
        remember(aggregate);
        return aggregate;
    }

    @Override
    public Object onAfterSave(Object aggregate) {
        remember(aggregate);
        return aggregate;
    }

    private void remember(Object aggregate) {
        ShardedEntity entity = entities.describe(aggregate.getClass());
        if (entity.isSharded()) {
            knownKeys.remember(aggregate, entity.shardKeyValues(persistent(aggregate), aggregate));
        }
    }

    private RelationalPersistentEntity<?> persistent(Object aggregate) {
        return entities.mappingContext().getRequiredPersistentEntity(aggregate.getClass());
    }

    /** Before Spring Data's own callbacks that assign ids, so a refusal comes first. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
