package dev.limitless.repository;

import dev.limitless.catalog.ReferenceTable;
import dev.limitless.catalog.ShardKey;
import dev.limitless.catalog.ShardedTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** The test model: accounts and their transactions, sharded and collocated on account_id; currencies as reference. */
final class Ledger {

    static final String SCHEMA = """
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
            CREATE TABLE accounts (account_id uuid PRIMARY KEY, owner text NOT NULL, status text NOT NULL, version bigint NOT NULL);
            COMMIT;
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
            SET LOCAL rds_aurora.limitless_create_table_collocate_with='accounts';
            CREATE TABLE account_notes (account_id uuid NOT NULL, account_key int NOT NULL, text text,
                                        PRIMARY KEY (account_id, account_key));
            COMMIT;
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
            SET LOCAL rds_aurora.limitless_create_table_collocate_with='accounts';
            CREATE TABLE transactions (account_id uuid NOT NULL, transaction_id uuid NOT NULL, amount numeric NOT NULL,
                                       currency text NOT NULL, created_at timestamptz NOT NULL, version bigint,
                                       PRIMARY KEY (account_id, transaction_id));
            COMMIT;
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='reference';
            CREATE TABLE currencies (code text PRIMARY KEY, name text, version bigint);
            COMMIT;
            """;

    private Ledger() {
    }

    /** Sharded on its id; caller-assigned id, so {@code @Version} tells insert from update. */
    @Table("accounts")
    @ShardedTable(shardKey = "account_id")
    static final class Account {
        @Id
        UUID accountId;
        String owner;
        String status;
        @Version
        Long version;
        @MappedCollection(idColumn = "account_id", keyColumn = "account_key")
        List<Note> notes = new ArrayList<>();

        Account(UUID accountId, String owner, String status) {
            this.accountId = accountId;
            this.owner = owner;
            this.status = status;
        }
    }

    @Table("account_notes")
    record Note(String text) {
    }

    /** Composite id that contains the shard key. */
    record TransactionId(@ShardKey UUID accountId, UUID transactionId) {
    }

    @Table("transactions")
    @ShardedTable(collocateWith = "accounts")
    static final class Transaction {
        @Id
        TransactionId id;
        BigDecimal amount;
        String currency;
        Instant createdAt;
        @Version
        Long version;

        Transaction(TransactionId id, BigDecimal amount, String currency, Instant createdAt) {
            this.id = id;
            this.amount = amount;
            this.currency = currency;
            this.createdAt = createdAt;
        }
    }

    @Table("currencies")
    @ReferenceTable
    record Currency(@Id String code, String name, @Version Long version) {
    }
}
