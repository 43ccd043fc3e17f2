-- The JPA ledger schema in Aurora PostgreSQL Limitless DDL; Flyway runs the file in one transaction, so each
-- SET LOCAL applies to the CREATE TABLE statements after it.

SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';

CREATE TABLE accounts (
    account_id uuid PRIMARY KEY,
    owner      text   NOT NULL,
    version    bigint NOT NULL
);

SET LOCAL rds_aurora.limitless_create_table_collocate_with = 'accounts';

CREATE TABLE entries (
    entry_id     bigint      NOT NULL,
    account_id   uuid        NOT NULL,
    amount_cents bigint      NOT NULL,
    memo         text        NOT NULL,
    booked_at    timestamptz NOT NULL,
    PRIMARY KEY (entry_id, account_id)
);

-- Distributed on Limitless: values are unique, not ordered; entries are ordered by booked_at.
CREATE SEQUENCE entry_ids INCREMENT BY 50;
