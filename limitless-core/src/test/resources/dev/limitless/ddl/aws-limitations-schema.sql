-- AWS's DDL limitations for Aurora PostgreSQL Limitless Database: each item once refused, once in a supported form.
CREATE TABLE accounts (account_id bigint PRIMARY KEY, owner text, note text);
CREATE TABLE transfers (account_id bigint NOT NULL, transfer_id bigint NOT NULL, amount numeric, PRIMARY KEY (account_id, transfer_id));
CREATE TABLE currencies (code char(3) PRIMARY KEY, name text);
CREATE TABLE rates (code char(3) PRIMARY KEY, rate numeric);
CREATE TABLE audit (id bigint PRIMARY KEY, happened_at timestamptz GENERATED ALWAYS AS (now()) STORED);
-- table-level ALTER TABLE forms
ALTER TABLE accounts RENAME CONSTRAINT accounts_pkey TO accounts_key;
ALTER TABLE accounts RENAME COLUMN note TO remark;
ALTER TABLE audit ATTACH PARTITION audit_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
ALTER TABLE audit DETACH PARTITION audit_2025;
ALTER TABLE accounts SET (fillfactor = 70);
ALTER TABLE accounts RESET (fillfactor);
ALTER TABLE accounts SET SCHEMA public;
ALTER TABLE ALL IN TABLESPACE pg_default SET TABLESPACE fast;
-- column-level ALTER TABLE forms
ALTER TABLE accounts ALTER COLUMN owner SET STATISTICS 500;
ALTER TABLE accounts ALTER COLUMN owner SET COMPRESSION lz4;
ALTER TABLE accounts ALTER COLUMN owner SET (n_distinct = 100);
ALTER TABLE accounts ALTER COLUMN owner RESET (n_distinct);
ALTER TABLE audit ALTER COLUMN id DROP IDENTITY IF EXISTS;
ALTER TABLE audit ALTER COLUMN happened_at DROP EXPRESSION;
ALTER TABLE audit ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
ALTER TABLE audit ALTER COLUMN id RESTART WITH 10;
ALTER TABLE audit ALTER COLUMN id SET INCREMENT BY 5;
ALTER TABLE accounts ALTER COLUMN owner SET NOT NULL;
ALTER TABLE accounts ALTER COLUMN owner SET DEFAULT 'unknown';
-- ALTER TABLE ONLY and ALTER COLUMN TYPE ... USING
ALTER TABLE ONLY accounts ADD COLUMN opened_on date;
ALTER TABLE accounts ADD COLUMN closed_on date;
ALTER TABLE accounts ALTER COLUMN remark TYPE varchar(100) USING remark::varchar(100);
ALTER TABLE accounts ALTER COLUMN remark TYPE varchar(200);
-- foreign-key options
ALTER TABLE transfers ADD CONSTRAINT transfers_account_fk FOREIGN KEY (account_id) REFERENCES accounts (account_id) NOT VALID;
ALTER TABLE transfers ADD CONSTRAINT transfers_account_fk2 FOREIGN KEY (account_id) REFERENCES accounts (account_id) ON UPDATE CASCADE;
ALTER TABLE transfers ADD CONSTRAINT transfers_account_fk3 FOREIGN KEY (account_id) REFERENCES accounts (account_id) ON DELETE SET NULL;
ALTER TABLE transfers ADD CONSTRAINT transfers_account_fk4 FOREIGN KEY (account_id) REFERENCES accounts (account_id) ON DELETE SET DEFAULT;
ALTER TABLE transfers ADD CONSTRAINT transfers_account_fk5 FOREIGN KEY (account_id) REFERENCES accounts (account_id) MATCH PARTIAL;
ALTER TABLE rates ADD CONSTRAINT rates_currency_fk FOREIGN KEY (code) REFERENCES currencies (code) ON UPDATE CASCADE;
ALTER TABLE transfers ADD CONSTRAINT transfers_account_ok FOREIGN KEY (account_id) REFERENCES accounts (account_id) ON DELETE CASCADE;
ALTER TABLE rates ADD CONSTRAINT rates_currency_ok FOREIGN KEY (code) REFERENCES currencies (code) ON DELETE RESTRICT;
-- CREATE TABLE AS: not for reference tables, fine for sharded and standard ones
CREATE TABLE rate_snapshot AS SELECT * FROM rates;
CREATE TABLE account_snapshot AS SELECT * FROM accounts;
CREATE TABLE report AS SELECT count(*) FROM accounts;
-- CREATE SCHEMA with elements
CREATE SCHEMA reporting CREATE TABLE daily (day date PRIMARY KEY);
CREATE SCHEMA ledger;
-- sequences
CREATE SEQUENCE ticket_numbers CYCLE;
CREATE SEQUENCE order_numbers NO CYCLE;
ALTER SEQUENCE order_numbers CYCLE;
SELECT pg_catalog.setval('public.order_numbers', 42, true);
SELECT nextval('order_numbers');
-- SET search_path is followed: entries is ledger.entries, a sharded table
SET search_path TO ledger, public;
CREATE TABLE entries (account_id bigint NOT NULL, entry_id bigint NOT NULL, PRIMARY KEY (entry_id));
RESET search_path;
-- what loses single-shard optimization (warnings), each next to a form that keeps it
CREATE VIEW account_owners WITH (security_barrier = true) AS SELECT account_id, owner FROM accounts;
CREATE VIEW account_remarks WITH (security_barrier = false) AS SELECT account_id, remark FROM accounts;
CREATE FUNCTION account_label(id bigint) RETURNS text LANGUAGE sql AS $$ SELECT 'acct-' || id $$;
CREATE FUNCTION account_code(id bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'A' || id $$;
CREATE FUNCTION owner_of(id bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN (SELECT owner FROM accounts WHERE account_id = id); END $$;
CREATE FUNCTION touch_remark() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
SET plan_cache_mode = force_generic_plan;
SET plan_cache_mode = auto;
-- tables the script does not create (they exist already) are checked too
ALTER TABLE legacy_orders ADD CONSTRAINT legacy_orders_fk FOREIGN KEY (account_id) REFERENCES accounts (account_id) NOT VALID;
ALTER TABLE legacy_orders ALTER COLUMN note TYPE text USING note::text;
