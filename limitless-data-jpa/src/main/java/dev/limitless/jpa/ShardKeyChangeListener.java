package dev.limitless.jpa;

import dev.limitless.repository.ShardKeyChangeException;
import java.util.Objects;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.type.Type;

/**
 * Refuses, during flush and before Hibernate sends the UPDATE, a managed entity whose shard-key attribute changed
 * since it was loaded: Aurora Limitless cannot update a shard key, and with {@code @PartitionKey} Hibernate would
 * look for the row under the new key. Id attributes need no check (Hibernate refuses an id change itself). An
 * attribute mapped {@code @Column(updatable = false)} is left out of Hibernate's dirty check, so its change is seen
 * only when another attribute of the entity changes too: prefer {@code @DynamicUpdate}.
 */
final class ShardKeyChangeListener implements PreUpdateEventListener {

    private static final long serialVersionUID = 1L;

    private final transient JpaEntities entities;

    ShardKeyChangeListener(JpaEntities entities) {
        this.entities = entities;
    }

    @Override
    public boolean onPreUpdate(PreUpdateEvent event) {
        Object[] oldState = event.getOldState();
        Class<?> type = event.getPersister().getMappedClass();
        if (oldState == null || type == null || !entities.isEntity(type)) {
            return false;
        }
        JpaEntity entity = entities.describe(type);
        if (!entity.isSharded()) {
            return false;
        }
        Object[] state = event.getState();
        for (JpaEntity.ShardKeyAttribute attribute : entity.shardKeyAttributes()) {
            Type attributeType = event.getPersister().getPropertyTypes()[attribute.index()];
            Object before = oldState[attribute.index()];
            Object after = state[attribute.index()];
            if (!Objects.equals(before, after)
                    && !attributeType.isEqual(before, after, event.getFactory())) {
                throw new ShardKeyChangeException(type.getSimpleName() + "." + attribute.name() + " holds shard-key column "
                        + attribute.column() + " of " + entity.table() + " and changed since the entity was loaded;"
                        + " Aurora Limitless cannot move a row to another shard key. Delete the entity and persist a new"
                        + " one with the new key");
            }
        }
        return false;
    }
}
