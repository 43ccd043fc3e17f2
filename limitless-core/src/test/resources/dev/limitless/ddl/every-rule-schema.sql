CREATE TABLE regions (
    code text,
    name text
);
CREATE TABLE customers (
    customer_id bigint NOT NULL,
    email text NOT NULL UNIQUE,
    region text REFERENCES regions (code),
    PRIMARY KEY (email)
);
CREATE TABLE orders (
    order_id bigint GENERATED ALWAYS AS IDENTITY,
    customer_id integer NOT NULL,
    total numeric CHECK (total > 0 AND total < discount * 10),
    discount numeric,
    PRIMARY KEY (order_id),
    EXCLUDE USING gist (order_id WITH =)
) WITH (fillfactor = 70);
CREATE TABLE events_partitioned_by_day_for_a_very_long_retention_period (
    customer_id bigint NOT NULL,
    happened_on date NOT NULL,
    PRIMARY KEY (customer_id, happened_on)
) PARTITION BY RANGE (happened_on);
CREATE TABLE shipments (
    shipment_id bigserial,
    order_id bigint NOT NULL,
    PRIMARY KEY (shipment_id)
);
CREATE TABLE notes (
    note_id bigint PRIMARY KEY,
    customer_id bigint REFERENCES customers (customer_id)
);
CREATE UNIQUE INDEX orders_total ON orders (total);
CREATE INDEX shipments_by_id ON shipments (shipment_id);
ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders (order_id);
ALTER TABLE customers DROP COLUMN customer_id;
CREATE TABLE refunds (
    refund_id bigint PRIMARY KEY
);
CREATE TABLE invoices (
    customer_id bigint NOT NULL,
    invoice_id bigint NOT NULL,
    PRIMARY KEY (customer_id, invoice_id)
);
CREATE TABLE countries (code text PRIMARY KEY, name text);
ALTER TABLE countries DROP COLUMN code;
CREATE UNIQUE INDEX CONCURRENTLY invoices_no ON invoices (customer_id, invoice_id);
ALTER TABLE invoices RENAME CONSTRAINT invoices_pkey TO invoices_key;
ALTER TABLE ONLY invoices ADD COLUMN memo text;
ALTER TABLE invoices ALTER COLUMN memo TYPE varchar(200) USING memo::varchar(200);
ALTER TABLE invoices ADD CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (customer_id) NOT VALID;
CREATE TABLE regions_copy AS SELECT * FROM regions;
CREATE SCHEMA archive CREATE TABLE archived (id bigint);
SELECT setval('invoice_numbers', 1000);
CREATE SEQUENCE invoice_numbers CYCLE;
CREATE VIEW invoice_totals WITH (security_barrier) AS SELECT customer_id, count(*) FROM invoices GROUP BY customer_id;
