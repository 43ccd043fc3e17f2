package dev.limitless.benchmarks.sqs;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.LiveCatalog;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.metrics.LimitlessMetrics;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.policy.Policy;
import dev.limitless.sqs.DeduplicationTable;
import dev.limitless.sqs.MessageMapping;
import dev.limitless.sqs.QueueMessage;
import dev.limitless.sqs.ShardGroup;
import dev.limitless.sqs.ShardGroupedBatchWriter;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A ledger on the embedded PostgreSQL with the local Limitless emulation (16 shards), behind the guarded DataSource,
 * and a shard-grouped batch writer on it: each message credits an account (one entry row, one balance update) and
 * is claimed in the deduplication table. The baseline is the same writer fed one message per call: one transaction
 * per message, the same statements.
 */
public final class SqsWriterFixture implements AutoCloseable {

    /** Messages per batch: SQS's maximum for a receive, Lambda's default batch size. */
    public static final int BATCH = 10;

    /** A payload: {@code account,entry}. */
    record Credit(long account, String entry) {
    }

    private final TestDatabase database;
    private final HikariDataSource pool;
    private final JdbcTemplate jdbc;
    private final ShardGroupedBatchWriter<Credit> writer;
    private final int keys;
    private final SplittableRandom random = new SplittableRandom(19);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger peakConnections = new AtomicInteger();
    private final AtomicLong transactions = new AtomicLong();

    /**
     * @param keys distinct shard keys (accounts) the messages are spread over
     * @param maxConcurrentTransactions the writer's bound (and so the pool's connections in use)
     */
    public SqsWriterFixture(int keys, int maxConcurrentTransactions) throws SQLException {
        this.keys = keys;
        database = PostgresServers.shared().createDatabase("sqs_writer", 16);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';
                    CREATE TABLE accounts (account_id bigint PRIMARY KEY, balance bigint NOT NULL DEFAULT 0);
                    SET LOCAL rds_aurora.limitless_create_table_collocate_with = 'accounts';
                    CREATE TABLE entries (account_id bigint NOT NULL, entry_id text NOT NULL,
                        PRIMARY KEY (account_id, entry_id));
                    COMMIT;
                    """);
            s.execute(DeduplicationTable.of("entry_messages", "account_id").limitlessDdl("bigint", "accounts"));
            s.execute("INSERT INTO accounts (account_id) SELECT g FROM generate_series(1, " + keys + ") g");
        }
        pool = database.newPool(Math.max(2, maxConcurrentTransactions + 1));
        GuardedDataSource guarded = new GuardedDataSource(pool, ShardScopeGuard.of(LiveCatalog.load(pool, "public")),
                new PinningDetector(Policy.defaults(PinningReason.class)), LimitlessMetrics.noop());
        jdbc = new JdbcTemplate(guarded);
        var activeConnections = pool.getHikariPoolMXBean();
        writer = ShardGroupedBatchWriter.builder(guarded,
                        MessageMapping.of(SqsWriterFixture::parse, Credit::account).withIdempotencyKey(Credit::entry),
                        (ShardGroup<Credit> group) -> {
                            peakConnections.accumulateAndGet(activeConnections.getActiveConnections(), Math::max);
                            transactions.incrementAndGet();
                            List<Object[]> rows = new ArrayList<>(group.messages().size());
                            for (Credit credit : group.payloads()) {
                                rows.add(new Object[] {credit.account(), credit.entry()});
                            }
                            jdbc.batchUpdate("INSERT INTO entries (account_id, entry_id) VALUES (?, ?)", rows);
                            jdbc.update("UPDATE accounts SET balance = balance + ? WHERE account_id = ?",
                                    rows.size(), group.shardKey());
                        })
                .deduplication(DeduplicationTable.of("entry_messages", "account_id"))
                .transactionManager(new DataSourceTransactionManager(guarded))
                .maxConcurrentTransactions(maxConcurrentTransactions)
                .build();
    }

    private static Credit parse(String body) {
        int comma = body.indexOf(',');
        return new Credit(Long.parseLong(body, 0, comma, 10), body.substring(comma + 1));
    }

    /** A new batch of {@link #BATCH} messages, keys drawn uniformly from the fixture's accounts. */
    public List<QueueMessage> nextBatch() {
        List<QueueMessage> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            long n = sequence.incrementAndGet();
            long account = 1 + random.nextInt(keys);
            batch.add(new QueueMessage("m" + n, null, account + ",e" + n + "-" + UUID.randomUUID(), 1));
        }
        return batch;
    }

    /** Writes the batch grouped by shard key: one transaction per distinct key. */
    public int writeGrouped(List<QueueMessage> batch) {
        return writer.write(batch).written();
    }

    /** Writes the batch one message per transaction (the baseline). */
    public int writeOneByOne(List<QueueMessage> batch) {
        int written = 0;
        for (QueueMessage message : batch) {
            written += writer.write(List.of(message)).written();
        }
        return written;
    }

    /** Most pool connections in use seen by a group, since the last reset. */
    public int peakConnections() {
        return peakConnections.get();
    }

    /** Group transactions since the last reset. */
    public long transactions() {
        return transactions.get();
    }

    public void resetCounters() {
        peakConnections.set(0);
        transactions.set(0);
    }

    @Override
    public void close() {
        writer.close();
        pool.close();
        database.close();
    }
}
