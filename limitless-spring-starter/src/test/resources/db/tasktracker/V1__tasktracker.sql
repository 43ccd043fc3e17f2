-- The task tracker's tables as a migration (Flyway), in Aurora Limitless DDL.
BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
SET LOCAL rds_aurora.limitless_create_table_shard_key='{"board_id"}';
CREATE TABLE boards (board_id uuid PRIMARY KEY, name text, version bigint); COMMIT;
BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
SET LOCAL rds_aurora.limitless_create_table_shard_key='{"board_id"}';
CREATE TABLE notes (board_id uuid PRIMARY KEY, body text, version bigint); COMMIT;
CREATE TABLE label (code text PRIMARY KEY, color text);
