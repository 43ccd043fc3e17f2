package dev.limitless.repository;

import dev.limitless.catalog.ShardCatalog;
import java.util.Collections;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.data.jdbc.core.convert.JdbcConverter;
import org.springframework.data.jdbc.repository.support.SimpleJdbcRepository;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.transaction.annotation.Transactional;

/**
 * The implementation behind {@link ShardedRepository}: Spring Data's own {@link SimpleJdbcRepository} for the CRUD
 * methods plus the shard-key queries. Installed as the repository base class of every repository that extends
 * {@link ShardedRepository} (see {@link LimitlessRepositoryConfiguration}).
 */
@Transactional(readOnly = true)
public class ShardedJdbcRepository<T, ID> extends SimpleJdbcRepository<T, ID> {

    private final JdbcAggregateOperations operations;
    private final RelationalPersistentEntity<T> entity;
    // replaced once by the repository support with the description under the application's catalog
    private volatile ShardedEntity sharded;

    /** Called by Spring Data with the arguments it gives every JDBC repository base class. */
    @SuppressWarnings("unchecked")
    public ShardedJdbcRepository(JdbcAggregateOperations operations, PersistentEntity<T, ?> entity, JdbcConverter converter) {
        super(operations, entity, converter);
        this.operations = operations;
        this.entity = (RelationalPersistentEntity<T>) entity;
        this.sharded = new ShardedEntities(converter.getMappingContext(), ShardCatalog.empty())
                .describe(entity.getType());
    }

    /** Describes the entity with the application's catalog (entities sharded only in a catalog file). */
    void describeWith(ShardedEntities entities) {
        this.sharded = entities.describe(entity.getType());
    }

    /** See {@link ShardedRepository#findAllByShardKey}. */
    public Page<T> findAllByShardKey(Object shardKey, Pageable pageable) {
        requireOrder(pageable);
        return operations.findAll(Query.query(shardKeyCriteria(shardKey)), entity.getType(), pageable);
    }

    /** See {@link ShardedRepository#findSliceByShardKey}. */
    public Slice<T> findSliceByShardKey(Object shardKey, Pageable pageable) {
        requireOrder(pageable);
        Query query = Query.query(shardKeyCriteria(shardKey)).sort(pageable.getSort())
                .offset(pageable.getOffset()).limit(pageable.getPageSize() + 1);
        List<T> rows = operations.findAll(query, entity.getType());
        boolean hasNext = rows.size() > pageable.getPageSize();
        return new SliceImpl<>(hasNext ? rows.subList(0, pageable.getPageSize()) : rows, pageable, hasNext);
    }

    /** See {@link ShardedRepository#countByShardKey}. */
    public long countByShardKey(Object shardKey) {
        return operations.count(Query.query(shardKeyCriteria(shardKey)), entity.getType());
    }

    private Criteria shardKeyCriteria(Object shardKey) {
        if (!sharded.isSharded()) {
            throw new IllegalStateException(entity.getType().getName() + " is not a sharded entity (table " + sharded.table()
                    + " is " + sharded.mode().auroraName() + "); annotate it @ShardedTable or use CrudRepository");
        }
        List<?> values = shardKeyValues(shardKey);
        Criteria criteria = Criteria.empty();
        for (int i = 0; i < values.size(); i++) {
            ShardedEntity.ShardKeyColumn column = sharded.shardKey().get(i);
            if (values.get(i) == null) {
                throw new NullShardKeyException("Cannot query " + sharded.table() + " by a null value of shard key column "
                        + column.column() + "; pass the " + column.propertyPath() + " to look in");
            }
            criteria = criteria.and(column.propertyPath()).is(values.get(i));
        }
        return criteria;
    }

    private List<?> shardKeyValues(Object shardKey) {
        if (sharded.shardKey().size() == 1) {
            return Collections.singletonList(shardKey);
        }
        if (shardKey instanceof List<?> list && list.size() == sharded.shardKey().size()) {
            return list;
        }
        throw new IllegalArgumentException("The shard key of " + sharded.table() + " has " + sharded.shardKey().size()
                + " columns " + sharded.shardKeyText() + "; pass a List of their values in that order, got " + shardKey);
    }

    private void requireOrder(Pageable pageable) {
        if (pageable.getSort().isUnsorted()) {
            throw new IllegalArgumentException("Paging " + sharded.table() + " needs an order, or pages overlap and skip rows:"
                    + " pass e.g. PageRequest.of(page, size, Sort.by(\"createdAt\")). Order by a timestamp, not by a"
                    + " sequence id: Limitless sequence values are unique but not ordered across sessions.");
        }
    }
}
