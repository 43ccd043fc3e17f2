-- Ledger schema, written for plain PostgreSQL
CREATE TABLE currencies (
    code char(3) PRIMARY KEY,
    name text NOT NULL
);

-- One row per customer account
CREATE TABLE accounts (
    account_id bigint NOT NULL,
    owner text NOT NULL,
    currency char(3) NOT NULL REFERENCES currencies (code),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id)
);

CREATE TABLE transactions (
    account_id bigint NOT NULL,
    transaction_id bigint NOT NULL,
    amount numeric(19, 2) NOT NULL CHECK (amount <> 0),
    memo text DEFAULT 'it''s; fine',
    booked_at timestamptz NOT NULL,
    CONSTRAINT transactions_pkey PRIMARY KEY (account_id, transaction_id),
    -- every transaction belongs to an account
    CONSTRAINT transactions_account_fk FOREIGN KEY (account_id) REFERENCES accounts (account_id) ON DELETE CASCADE
);

CREATE INDEX transactions_booked ON transactions (account_id, booked_at);

CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    message text NOT NULL
);

CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.created_at := now(); -- a semicolon inside a dollar quote
    RETURN NEW;
END
$$;
