SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"tenant_id"}';
CREATE TABLE notes (tenant_id bigint, note_id bigint, body text, PRIMARY KEY (tenant_id, note_id));
