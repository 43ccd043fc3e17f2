package dev.limitless.guard;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The schema the guard tests run on: Aurora-style DDL, executed on the local Limitless emulation. */
final class GuardFixture {

    static final String SCHEMA = """
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
            CREATE TABLE accounts (account_id bigint PRIMARY KEY, owner text NOT NULL DEFAULT 'x', balance numeric(19,2) DEFAULT 0, created date);
            COMMIT;
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
            SET LOCAL rds_aurora.limitless_create_table_collocate_with='accounts';
            CREATE TABLE transactions (account_id bigint NOT NULL, tx_id bigint NOT NULL DEFAULT 1, amount numeric(19,2) DEFAULT 0, note text, currency text, PRIMARY KEY (account_id, tx_id));
            COMMIT;
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key='{"customer_id"}';
            CREATE TABLE orders (customer_id bigint NOT NULL, order_id bigint NOT NULL DEFAULT 1, account_id bigint, total numeric(19,2), PRIMARY KEY (customer_id, order_id));
            COMMIT;
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key='{"item_id", "item_cat"}';
            CREATE TABLE items (item_id bigint NOT NULL, item_cat text NOT NULL, name text, PRIMARY KEY (item_id, item_cat));
            COMMIT;
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='reference';
            CREATE TABLE currencies (code text PRIMARY KEY, name text);
            COMMIT;
            CREATE TABLE audit_log (id bigserial PRIMARY KEY, account_id bigint, msg text);
            CREATE SCHEMA ledger;
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key='{"AccountId"}';
            CREATE TABLE ledger."Entries" ("AccountId" bigint NOT NULL, entry_id bigint NOT NULL DEFAULT 1, amount numeric, PRIMARY KEY ("AccountId", entry_id));
            COMMIT;
            """;

    private GuardFixture() {
    }

    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
        }
    }
}
