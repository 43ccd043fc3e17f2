BEGIN;
SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';
CREATE TABLE accounts (account_id uuid PRIMARY KEY, owner text NOT NULL);
COMMIT;
