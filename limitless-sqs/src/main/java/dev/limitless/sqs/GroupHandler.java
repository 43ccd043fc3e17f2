package dev.limitless.sqs;

/**
 * Writes one {@link ShardGroup} - the application's part of the batch writer. It is called inside the group's
 * transaction (Spring's, through the writer's {@code PlatformTransactionManager}: {@code JdbcClient},
 * {@code JdbcTemplate}, Spring Data repositories and {@code @Transactional} services join it), after the group's
 * idempotency rows were inserted. Every statement must name the group's shard key: the transaction must stay on one
 * shard. Throwing rolls back the whole group (its idempotency rows too) and reports its messages as failed, so SQS
 * delivers them again.
 */
@FunctionalInterface
public interface GroupHandler<T> {

    void write(ShardGroup<T> group) throws Exception;
}
