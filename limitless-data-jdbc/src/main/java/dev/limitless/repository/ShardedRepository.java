package dev.limitless.repository;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;

/**
 * Base repository for entities stored in a Limitless sharded table: only operations that reach one shard (or, for
 * batches, the shards of the given rows). Unlike {@code CrudRepository} it has no {@code findAll()}, {@code count()}
 * or {@code deleteAll()}, which would run on every shard.
 *
 * <pre>{@code
 * interface TransactionRepository extends ShardedRepository<Transaction, TransactionId> {
 *     List<Transaction> findByIdAccountIdAndCurrency(UUID accountId, String currency);
 * }
 * }</pre>
 *
 * <p>The id of the entity must contain the whole shard key (Limitless requires every primary key to contain it):
 * either the shard key is the id, or the id is a composite id with the shard-key columns in it. Then {@link #findById},
 * {@link #existsById}, {@link #deleteById} and the UPDATE of {@link #save} go to one shard.
 *
 * <p>A shard-key value is the value of the single shard-key column, or, for a shard key of several columns, a
 * {@link List} of the values in key order.
 *
 * @param <T> the entity type
 * @param <ID> the id type
 */
@NoRepositoryBean
public interface ShardedRepository<T, ID> extends Repository<T, ID> {

    /**
     * Inserts or updates one entity, on the shard of its shard key.
     *
     * @throws NullShardKeyException when the shard key is not set, before any SQL runs
     * @throws ShardKeyChangeException when the shard key differs from the one the entity was loaded or saved with
     */
    <S extends T> S save(S entity);

    /** Saves many entities in one batch where Spring Data can; each row goes to the shard of its own key. */
    <S extends T> List<S> saveAll(Iterable<S> entities);

    /** The entity with this id, read from one shard. */
    Optional<T> findById(ID id);

    /** Whether an entity with this id exists, asked of one shard. */
    boolean existsById(ID id);

    /** Deletes the entity with this id (and its children) on one shard. */
    void deleteById(ID id);

    /** Deletes the entity (and its children) on one shard. */
    void delete(T entity);

    /**
     * A page of the entities of one shard key, in the order {@code pageable} gives; order by a timestamp, not by a
     * sequence id (Limitless sequences are unique but not ordered across sessions).
     *
     * @throws IllegalArgumentException when {@code pageable} has no sort order
     */
    Page<T> findAllByShardKey(Object shardKey, Pageable pageable);

    /**
     * A slice of the entities of one shard key: like {@link #findAllByShardKey} without the count query.
     *
     * @throws IllegalArgumentException when {@code pageable} has no sort order
     */
    Slice<T> findSliceByShardKey(Object shardKey, Pageable pageable);

    /** The number of entities of one shard key, counted on one shard. */
    long countByShardKey(Object shardKey);
}
