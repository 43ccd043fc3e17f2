package dev.limitless.sqs;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.LiveCatalog;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.metrics.MicrometerMetrics;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.policy.Policy;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The tests' schema on the local Limitless emulation: {@code accounts} and {@code entries} sharded by
 * {@code account_id} and collocated, the deduplication table collocated with them; entries get a generated row id,
 * so a message written twice shows as two rows.
 */
final class Ledger implements AutoCloseable {

    static final DeduplicationTable DEDUPLICATION = DeduplicationTable.of("entry_messages", "account_id");

    /** A message payload: {@code accountId,entryId,amount}. */
    record Entry(@MessageShardKey long accountId, @MessageIdempotencyKey String entryId, long amount) {

        static Entry parse(String body) {
            String[] parts = body.split(",", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("expected accountId,entryId,amount");
            }
            return new Entry(Long.parseLong(parts[0]), parts[1], Long.parseLong(parts[2]));
        }

        String body() {
            return accountId + "," + entryId + "," + amount;
        }
    }

    final HikariDataSource pool;
    final GuardedDataSource guarded;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final DataSourceTransactionManager transactions;
    final JdbcTemplate jdbc;

    Ledger(TestDatabase database, int poolSize, int accounts) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    DROP TABLE IF EXISTS entry_messages, entries, accounts;
                    BEGIN;
                    SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';
                    CREATE TABLE accounts (account_id bigint PRIMARY KEY, balance bigint NOT NULL DEFAULT 0);
                    SET LOCAL rds_aurora.limitless_create_table_collocate_with = 'accounts';
                    CREATE TABLE entries (account_id bigint NOT NULL, row_id uuid NOT NULL, entry_id text NOT NULL,
                        amount bigint NOT NULL, PRIMARY KEY (account_id, row_id));
                    COMMIT;
                    """);
            s.execute(DEDUPLICATION.limitlessDdl("bigint", "accounts"));
            s.execute("INSERT INTO accounts (account_id) SELECT g FROM generate_series(1, " + accounts + ") g");
        }
        pool = database.newPool(poolSize);
        MicrometerMetrics metrics = MicrometerMetrics.of(registry);
        guarded = new GuardedDataSource(pool, ShardScopeGuard.of(LiveCatalog.load(pool, "public")),
                new PinningDetector(Policy.defaults(PinningReason.class), metrics::pinningRisk), metrics);
        transactions = new DataSourceTransactionManager(guarded);
        jdbc = new JdbcTemplate(guarded);
    }

    /** Writes a group the way an application would: every statement names the group's account. */
    void book(ShardGroup<Entry> group) {
        long total = 0;
        List<Object[]> rows = new ArrayList<>();
        for (Entry entry : group.payloads()) {
            rows.add(new Object[] {entry.accountId(), UUID.randomUUID(), entry.entryId(), entry.amount()});
            total += entry.amount();
        }
        jdbc.batchUpdate("INSERT INTO entries (account_id, row_id, entry_id, amount) VALUES (?, ?, ?, ?)", rows);
        jdbc.update("UPDATE accounts SET balance = balance + ? WHERE account_id = ?", total, group.shardKey());
    }

    ShardGroupedBatchWriter.Builder<Entry> writer(GroupHandler<Entry> handler) {
        return ShardGroupedBatchWriter.builder(guarded, MessageMapping.annotated(Entry.class, Entry::parse), handler)
                .deduplication(DEDUPLICATION)
                .transactionManager(transactions)
                .metrics(MicrometerSqsBatchMetrics.of(registry));
    }

    long rows() {
        return count("SELECT count(*) FROM entries /* limitless:allow-scatter */");
    }

    long distinctEntries() {
        return count("SELECT count(DISTINCT (account_id, entry_id)) FROM entries /* limitless:allow-scatter */");
    }

    long balances() {
        return count("SELECT coalesce(sum(balance), 0) FROM accounts /* limitless:allow-scatter */");
    }

    long claims() {
        return count("SELECT count(*) FROM entry_messages /* limitless:allow-scatter */");
    }

    private long count(String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    double counter(String outcome) {
        var counter = registry.find(MicrometerSqsBatchMetrics.MESSAGES).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        pool.close();
    }
}
