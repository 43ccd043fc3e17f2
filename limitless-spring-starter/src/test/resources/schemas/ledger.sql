-- The ledger tables of catalogs/ledger.yaml, in Aurora Limitless DDL, for starter tests.
BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
CREATE TABLE accounts (account_id uuid PRIMARY KEY, owner text); COMMIT;
BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
SET LOCAL rds_aurora.limitless_create_table_shard_key='{"account_id"}';
SET LOCAL rds_aurora.limitless_create_table_collocate_with='accounts';
CREATE TABLE transactions (account_id uuid, transaction_id uuid, PRIMARY KEY (account_id, transaction_id)); COMMIT;
BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='reference';
CREATE TABLE currencies (code text PRIMARY KEY); COMMIT;
