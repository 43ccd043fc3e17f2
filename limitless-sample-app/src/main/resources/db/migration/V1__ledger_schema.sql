-- The ledger schema in Aurora PostgreSQL Limitless DDL. The same file runs on Aurora Limitless and on the local
-- emulation. Flyway runs each migration in one transaction on PostgreSQL, so SET LOCAL lasts until the end of this
-- file and there is no BEGIN/COMMIT here: each SET LOCAL below applies to the CREATE TABLE statements after it, so
-- every table's block ends by resetting all three rds_aurora.* settings (docs/ddl.md): the next table starts from the
-- defaults, and a reference table never sees the collocate_with of the table before it.

SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';

CREATE TABLE accounts (
    account_id uuid PRIMARY KEY,
    owner      text        NOT NULL,
    currency   char(3)     NOT NULL,
    balance    numeric(19, 2) NOT NULL DEFAULT 0,
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

SET LOCAL rds_aurora.limitless_create_table_mode TO DEFAULT;
SET LOCAL rds_aurora.limitless_create_table_shard_key TO DEFAULT;
SET LOCAL rds_aurora.limitless_create_table_collocate_with TO DEFAULT;

SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';
SET LOCAL rds_aurora.limitless_create_table_collocate_with = 'accounts';

CREATE TABLE transactions (
    account_id      uuid        NOT NULL,
    transaction_id  uuid        NOT NULL,
    amount          numeric(19, 2) NOT NULL,
    currency        char(3)     NOT NULL,
    status          text        NOT NULL,
    idempotency_key text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, transaction_id),
    UNIQUE (account_id, idempotency_key)
);

SET LOCAL rds_aurora.limitless_create_table_mode TO DEFAULT;
SET LOCAL rds_aurora.limitless_create_table_shard_key TO DEFAULT;
SET LOCAL rds_aurora.limitless_create_table_collocate_with TO DEFAULT;

SET LOCAL rds_aurora.limitless_create_table_mode = 'reference';

CREATE TABLE currencies (
    code          char(3) PRIMARY KEY,
    name          text    NOT NULL,
    rate_to_eur   numeric(19, 8) NOT NULL
);

SET LOCAL rds_aurora.limitless_create_table_mode TO DEFAULT;
SET LOCAL rds_aurora.limitless_create_table_shard_key TO DEFAULT;
SET LOCAL rds_aurora.limitless_create_table_collocate_with TO DEFAULT;

INSERT INTO currencies (code, name, rate_to_eur) VALUES
    ('EUR', 'Euro', 1),
    ('USD', 'US Dollar', 0.92),
    ('GBP', 'Pound Sterling', 1.17),
    ('JPY', 'Japanese Yen', 0.0061);

-- Foreign keys on sharded and reference tables are added after creation (Aurora refuses them in CREATE TABLE).
ALTER TABLE transactions ADD CONSTRAINT transactions_account_fk
    FOREIGN KEY (account_id) REFERENCES accounts (account_id);
ALTER TABLE transactions ADD CONSTRAINT transactions_currency_fk
    FOREIGN KEY (currency) REFERENCES currencies (code);
ALTER TABLE accounts ADD CONSTRAINT accounts_currency_fk
    FOREIGN KEY (currency) REFERENCES currencies (code);
