-- Local emulation of Aurora Limitless' active shard key (rds_aurora.limitless_active_shard_key).
--
-- Installed by dev.limitless.local.LocalLimitless after limitless-local.sql, in the same transaction; idempotent.
-- With SET [LOCAL] rds_aurora.limitless_active_shard_key = '{"v1", ...}', Aurora appends the key as a constant
-- predicate to SELECT, UPDATE and DELETE on sharded tables whose shard key has as many columns, adds it to INSERTs
-- that omit it, and raises an error for tables of another key arity (AWS, "Querying Limitless Database", "Setting an
-- active shard key"). The emulation, per sharded table:
--   * a row-level security policy (FORCE ROW LEVEL SECURITY) whose USING and WITH CHECK compare the shard key with the
--     setting's values, cast to the key columns' types: rows of other keys are invisible to SELECT, UPDATE and DELETE.
--     PostgreSQL never applies row-level security to superusers or BYPASSRLS roles: for them SELECT is not filtered;
--   * a BEFORE INSERT OR UPDATE OR DELETE row trigger that applies the same rule whoever runs the statement: UPDATE and
--     DELETE skip rows of other keys, an INSERT of another key is an error;
--   * the shard-key columns' defaults take the active key first (then the column's own default), so an INSERT that
--     omits the key stores the active key, routed to its shard as usual;
--   * a key of another arity than the table's shard key raises invalid_parameter_value (22023) naming both; not
--     feature_not_supported (0A000), which HikariCP takes for a broken connection and evicts.
-- Not emulated: the error for a join of tables of two collocation groups (a row-level rule cannot see the statement);
-- the guard refuses those before they are sent.

CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_active_key()
RETURNS text[] LANGUAGE plpgsql STABLE AS $$
DECLARE
    raw text := current_setting('rds_aurora.limitless_active_shard_key', true);
    key text[];
BEGIN
    IF raw IS NULL OR btrim(raw) = '' THEN
        RETURN NULL;
    END IF;
    BEGIN
        key := raw::text[];
    EXCEPTION WHEN invalid_text_representation OR array_subscript_error OR invalid_parameter_value THEN
        key := NULL;
    END;
    IF key IS NULL OR cardinality(key) = 0 OR array_ndims(key) <> 1 OR array_position(key, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'invalid value for parameter "rds_aurora.limitless_active_shard_key"'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use a one-dimensional array literal with one value per shard-key column, such as ''{"42"}''.';
    END IF;
    RETURN key;
END
$$;

-- The active key for a sharded table with a shard key of arity columns; NULL when none is set.
CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_active_key_for(rel regclass, arity integer)
RETURNS text[] LANGUAGE plpgsql STABLE AS $$
DECLARE
    key text[] := rds_aurora.limitless_local_active_key();
BEGIN
    IF key IS NOT NULL AND cardinality(key) <> arity THEN
        RAISE EXCEPTION 'active shard key is not compatible with table %: the key has % value(s), the table''s shard key % column(s)',
            rel, cardinality(key), arity
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'rds_aurora.limitless_active_shard_key applies only to sharded tables whose shard key has as many columns; reset it for this statement.';
    END IF;
    RETURN key;
END
$$;

-- One trigger function for every sharded table (ordinary roles create sharded tables and may not create functions in
-- rds_aurora). Arguments: the table's oid, its key arity, then each key column's name and type.
CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_active_key_row()
RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    arity integer := TG_ARGV[1]::integer;
    key text[] := rds_aurora.limitless_local_active_key_for(TG_ARGV[0]::oid::regclass, arity);
    matches boolean;
    i integer;
BEGIN
    IF key IS NULL THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    FOR i IN 1 .. arity LOOP
        IF TG_OP = 'INSERT' THEN
            EXECUTE format('SELECT ($1).%I IS NOT DISTINCT FROM $2::%s', TG_ARGV[2 * i], TG_ARGV[2 * i + 1])
                INTO matches USING NEW, key[i];
            IF NOT matches THEN
                RAISE EXCEPTION 'new row violates the active shard key for table %', TG_ARGV[0]::oid::regclass
                    USING ERRCODE = 'insufficient_privilege',
                          HINT = 'With rds_aurora.limitless_active_shard_key set, insert rows of that key only (or omit the key).';
            END IF;
        ELSE
            EXECUTE format('SELECT ($1).%I = $2::%s', TG_ARGV[2 * i], TG_ARGV[2 * i + 1]) INTO matches USING OLD, key[i];
            IF NOT matches THEN
                RETURN NULL; -- a row of another key: invisible to UPDATE and DELETE
            END IF;
        END IF;
    END LOOP;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_active_key_attach(rel regclass)
RETURNS void LANGUAGE plpgsql AS $attach$
DECLARE
    keys text[];
    arity integer;
    key_expr text;
    matches text := '';
    trigger_arguments text;
    i integer;
    column_type text;
    column_default text;
BEGIN
    SELECT shard_key INTO keys FROM rds_aurora.limitless_local_tables WHERE relid = rel AND table_type = 'sharded';
    IF keys IS NULL THEN
        RETURN;
    END IF;
    arity := cardinality(keys);
    key_expr := format('rds_aurora.limitless_local_active_key_for(%s::regclass, %s)', rel::oid, arity);
    trigger_arguments := format('%L, %L', rel::oid::text, arity::text);
    FOR i IN 1 .. arity LOOP
        SELECT format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid) INTO column_type, column_default
        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = rel AND a.attname = keys[i];
        matches := matches || CASE WHEN i > 1 THEN ' AND ' ELSE '' END
            || format('%I = (%s)[%s]::%s', keys[i], key_expr, i, column_type);
        trigger_arguments := trigger_arguments || format(', %L, %L', keys[i], column_type);
        IF column_default IS NULL OR position('limitless_local_active_key_for' IN column_default) = 0 THEN
            EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %s', rel, keys[i],
                CASE WHEN column_default IS NULL THEN format('(%s)[%s]::%s', key_expr, i, column_type)
                     ELSE format('coalesce((%s)[%s]::%s, %s)', key_expr, i, column_type, column_default) END);
        END IF;
    END LOOP;

    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', rel);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', rel);
    EXECUTE format('DROP POLICY IF EXISTS limitless_active_shard_key ON %s', rel);
    EXECUTE format('CREATE POLICY limitless_active_shard_key ON %s USING (%s IS NULL OR (%s)) WITH CHECK (%s IS NULL OR (%s))',
        rel, key_expr, matches, key_expr, matches);
    EXECUTE format('DROP TRIGGER IF EXISTS limitless_active_shard_key ON %s', rel);
    EXECUTE format('CREATE TRIGGER limitless_active_shard_key BEFORE INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW'
        || ' EXECUTE FUNCTION rds_aurora.limitless_local_active_key_row(%s)', rel, trigger_arguments);
END
$attach$;

-- The emulated shard (hash-partition remainder) that holds the active key's rows of a sharded table, or NULL when no
-- key is active: where Aurora's router sends a statement it appended the key to. Used by ShardTouchOracle.
CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_active_key_shard(rel regclass)
RETURNS integer LANGUAGE plpgsql STABLE AS $$
DECLARE
    keys text[];
    key text[];
    arguments text := '';
    shard_count integer;
    column_type text;
    i integer;
    matches boolean;
BEGIN
    SELECT shard_key INTO keys FROM rds_aurora.limitless_local_tables WHERE relid = rel AND table_type = 'sharded';
    IF keys IS NULL THEN
        RETURN NULL;
    END IF;
    key := rds_aurora.limitless_local_active_key_for(rel, cardinality(keys));
    IF key IS NULL THEN
        RETURN NULL;
    END IF;
    FOR i IN 1 .. cardinality(keys) LOOP
        SELECT format_type(atttypid, atttypmod) INTO column_type FROM pg_attribute WHERE attrelid = rel AND attname = keys[i];
        arguments := arguments || format(', %L::%s', key[i], column_type);
    END LOOP;
    SELECT s.shard_count INTO shard_count FROM rds_aurora.limitless_local_settings s;
    FOR i IN 0 .. shard_count - 1 LOOP
        EXECUTE format('SELECT satisfies_hash_partition(%s, %s, %s%s)', rel::oid, shard_count, i, arguments) INTO matches;
        IF matches THEN
            RETURN i;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

DO $active_key$
DECLARE
    t record;
BEGIN
    PERFORM set_config('rds_aurora.limitless_local_busy', 'on', true);
    FOR t IN SELECT relid FROM rds_aurora.limitless_local_tables WHERE table_type = 'sharded' LOOP
        PERFORM rds_aurora.limitless_local_active_key_attach(t.relid::regclass);
    END LOOP;
    PERFORM set_config('rds_aurora.limitless_local_busy', 'off', true);
END
$active_key$;
