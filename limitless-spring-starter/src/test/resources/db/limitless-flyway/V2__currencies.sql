BEGIN;
SET LOCAL rds_aurora.limitless_create_table_mode = 'reference';
CREATE TABLE currencies (code char(3) PRIMARY KEY, name text NOT NULL);
COMMIT;
