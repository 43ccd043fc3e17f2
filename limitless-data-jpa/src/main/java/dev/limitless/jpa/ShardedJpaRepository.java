package dev.limitless.jpa;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;

/**
 * A base for Spring Data JPA repositories of sharded entities that offers only what stays inside one shard: saving
 * and deleting given entities, and finding by an id that contains the shard key. There is no {@code findAll},
 * {@code count} or {@code deleteAll}; declare derived queries on the shard key instead
 * ({@code List<Order> findByAccountId(UUID accountId)}). Extending {@code JpaRepository} works too, but then the
 * start-up check reports its every-shard methods unless they carry {@code @AllowScatter}.
 *
 * @param <T> the entity type
 * @param <ID> the id type (a composite id containing the shard key, or a plain id with a {@code @PartitionKey} shard key)
 */
@NoRepositoryBean
public interface ShardedJpaRepository<T, ID> extends Repository<T, ID> {

    <S extends T> S save(S entity);

    <S extends T> List<S> saveAll(Iterable<S> entities);

    Optional<T> findById(ID id);

    boolean existsById(ID id);

    void delete(T entity);

    void flush();
}
