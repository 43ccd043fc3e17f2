-- The deduplication table of the asynchronous booking path (limitless-sqs, docs/sqs.md): one row per booking message
-- written, sharded by account_id and collocated with accounts, so it is written on the account's shard in the same
-- transaction as the booking. Its primary key contains the shard key, as Limitless requires.

SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';
SET LOCAL rds_aurora.limitless_create_table_collocate_with = 'accounts';

CREATE TABLE booking_messages (
    account_id   uuid        NOT NULL,
    message_key  text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, message_key)
);

ALTER TABLE booking_messages ADD CONSTRAINT booking_messages_account_fk
    FOREIGN KEY (account_id) REFERENCES accounts (account_id);
