-- Local emulation of Aurora PostgreSQL Limitless Database on plain PostgreSQL 14+.
--
-- Sharded tables become hash-partitioned tables (one partition per emulated shard), so the planner's partition
-- pruning tells how many shards a statement touches. Reference tables stay plain tables. Everything is recorded in
-- rds_aurora.limitless_local_tables and answered through rds_aurora.limitless_tables as Aurora shows it.
--
-- Installed by dev.limitless.local.LocalLimitless inside one transaction; every statement is idempotent.
-- ${shards} is replaced by the shard count before execution.

CREATE SCHEMA IF NOT EXISTS rds_aurora;
GRANT USAGE ON SCHEMA rds_aurora TO PUBLIC;

CREATE TABLE IF NOT EXISTS rds_aurora.limitless_local_settings (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    shard_count integer NOT NULL CHECK (shard_count BETWEEN 1 AND 512),
    emulation_version integer NOT NULL
);
GRANT SELECT ON rds_aurora.limitless_local_settings TO PUBLIC;

CREATE TABLE IF NOT EXISTS rds_aurora.limitless_local_tables (
    relid oid PRIMARY KEY,
    table_type text NOT NULL CHECK (table_type IN ('sharded', 'reference')),
    shard_key text[],
    collocation_id bigint
);
GRANT SELECT, INSERT, UPDATE, DELETE ON rds_aurora.limitless_local_tables TO PUBLIC;

-- Tables shown as foreign tables, as Aurora's routers show them (see limitless_local_present_as_foreign_tables):
-- relid is the real table (moved to rds_aurora_local_storage), facade the foreign table that took its name.
CREATE TABLE IF NOT EXISTS rds_aurora.limitless_local_foreign_tables (
    relid oid PRIMARY KEY,
    facade oid NOT NULL UNIQUE
);
GRANT SELECT ON rds_aurora.limitless_local_foreign_tables TO PUBLIC;

DO $install$
DECLARE
    wanted integer := ${shards};
    current integer;
BEGIN
    SELECT shard_count INTO current FROM rds_aurora.limitless_local_settings;
    IF current IS NULL THEN
        INSERT INTO rds_aurora.limitless_local_settings (shard_count, emulation_version) VALUES (wanted, 1);
    ELSIF current <> wanted THEN
        IF EXISTS (SELECT 1 FROM rds_aurora.limitless_local_tables WHERE table_type = 'sharded') THEN
            RAISE EXCEPTION 'the local Limitless emulation is installed with % shards and sharded tables exist; it cannot change to % shards', current, wanted
                USING HINT = 'Install into a new database, or drop the sharded tables first.';
        END IF;
        UPDATE rds_aurora.limitless_local_settings SET shard_count = wanted;
    END IF;
END
$install$;

-- What Aurora answers: every user table, its type and its distribution key.
CREATE OR REPLACE VIEW rds_aurora.limitless_tables AS
SELECT c.oid::bigint                                   AS table_gid,
       c.oid                                           AS local_oid,
       coalesce(fn.nspname, n.nspname)::text           AS schema_name,
       coalesce(fc.relname, c.relname)::text           AS table_name,
       'active'::text                                  AS table_status,
       coalesce(t.table_type, 'standard')              AS table_type,
       CASE WHEN t.table_type = 'sharded' THEN
           'HASH (' || (SELECT string_agg(quote_ident(k), ', ' ORDER BY o) FROM unnest(t.shard_key) WITH ORDINALITY AS u(k, o)) || ')'
       END                                             AS distribution_key
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN rds_aurora.limitless_local_tables t ON t.relid = c.oid
LEFT JOIN rds_aurora.limitless_local_foreign_tables f ON f.relid = c.oid
LEFT JOIN pg_class fc ON fc.oid = f.facade
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND c.relpersistence <> 't'
  AND (n.nspname NOT IN ('pg_catalog', 'information_schema', 'rds_aurora', 'rds_aurora_local_router', 'rds_aurora_local_storage')
       OR fc.oid IS NOT NULL)
  AND n.nspname NOT LIKE 'pg\_toast%';
GRANT SELECT ON rds_aurora.limitless_tables TO PUBLIC;

CREATE OR REPLACE VIEW rds_aurora.limitless_table_collocations AS
SELECT t.collocation_id, coalesce(fn.nspname, n.nspname)::text AS schema_name, coalesce(fc.relname, c.relname)::text AS table_name
FROM rds_aurora.limitless_local_tables t
JOIN pg_class c ON c.oid = t.relid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN rds_aurora.limitless_local_foreign_tables f ON f.relid = c.oid
LEFT JOIN pg_class fc ON fc.oid = f.facade
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE t.table_type = 'sharded';
GRANT SELECT ON rds_aurora.limitless_table_collocations TO PUBLIC;

-- Shard-key columns of a table, as attribute numbers in key order.
CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_key_attnums(rel regclass, keys text[])
RETURNS smallint[] LANGUAGE sql STABLE AS $$
    SELECT array_agg(a.attnum ORDER BY k.o)
    FROM unnest(keys) WITH ORDINALITY AS k(name, o)
    JOIN pg_attribute a ON a.attrelid = rel AND a.attname = k.name AND a.attnum > 0 AND NOT a.attisdropped
$$;

-- Every rule Aurora enforces on a table about to become sharded or reference, as a list of sentences.
CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_violations(rel regclass, mode text, keys text[], collocate regclass, origin text)
RETURNS text[] LANGUAGE plpgsql STABLE AS $$
DECLARE
    problems text[] := '{}';
    c pg_class%ROWTYPE;
    key_attnums smallint[];
    con record;
    missing text[];
    target rds_aurora.limitless_local_tables%ROWTYPE;
    target_types text[];
    own_types text[];
BEGIN
    SELECT * INTO c FROM pg_class WHERE oid = rel;
    IF c.relkind = 'p' THEN
        problems := problems || format('table %s: PARTITION BY is not supported for %s tables', rel, mode);
    END IF;
    IF c.reloptions IS NOT NULL THEN
        problems := problems || format('table %s: storage parameters (WITH (...)) are not supported for %s tables', rel, mode);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = rel AND attnum > 0 AND NOT attisdropped AND attidentity <> '') THEN
        problems := problems || format('table %s: IDENTITY columns (%s) are not supported for %s tables; use a sequence default or caller-assigned keys',
            rel, (SELECT string_agg(quote_ident(attname), ', ') FROM pg_attribute WHERE attrelid = rel AND attnum > 0 AND NOT attisdropped AND attidentity <> ''), mode);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = rel AND contype = 'x') THEN
        problems := problems || format('table %s: EXCLUDE constraints are not supported for %s tables', rel, mode);
    END IF;
    IF origin = 'create' AND EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = rel AND contype = 'f') THEN
        problems := problems || format('table %s: FOREIGN KEY in CREATE TABLE is not supported for %s tables; create the table first, then ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY', rel, mode);
    END IF;
    IF origin = 'convert' AND EXISTS (SELECT 1 FROM pg_constraint WHERE (conrelid = rel OR confrelid = rel) AND contype = 'f') THEN
        problems := problems || format('table %s: has foreign keys (%s); drop them, convert the table, then add them again',
            rel, (SELECT string_agg(conname, ', ') FROM pg_constraint WHERE (conrelid = rel OR confrelid = rel) AND contype = 'f'));
    END IF;
    IF origin = 'convert' AND EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = rel AND NOT tgisinternal) THEN
        problems := problems || format('table %s: has triggers; drop them, convert the table, then create them again', rel);
    END IF;

    IF mode = 'reference' THEN
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = rel AND contype = 'p') THEN
            problems := problems || format('table %s: a reference table needs a primary key', rel);
        END IF;
        RETURN problems;
    END IF;

    -- sharded
    IF length(c.relname) > 54 THEN
        problems := problems || format('table %s: the name of a sharded table may have at most 54 characters, it has %s', rel, length(c.relname));
    END IF;
    IF keys IS NULL OR cardinality(keys) = 0 THEN
        problems := problems || format('table %s: no shard key; SET LOCAL rds_aurora.limitless_create_table_shard_key = ''{"column"}'' before CREATE TABLE', rel);
        RETURN problems;
    END IF;
    IF cardinality(keys) <> (SELECT count(DISTINCT k) FROM unnest(keys) k) THEN
        problems := problems || format('table %s: the shard key %s names a column twice', rel, keys);
    END IF;
    SELECT array_agg(k) INTO missing FROM unnest(keys) k
    WHERE NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = rel AND attname = k AND attnum > 0 AND NOT attisdropped);
    IF missing IS NOT NULL THEN
        problems := problems || format('table %s: shard key column(s) %s do not exist; columns are: %s', rel, missing,
            (SELECT string_agg(attname, ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = rel AND attnum > 0 AND NOT attisdropped));
        RETURN problems;
    END IF;
    key_attnums := rds_aurora.limitless_local_key_attnums(rel, keys);
    FOR con IN SELECT conname, contype, conkey FROM pg_constraint WHERE conrelid = rel AND contype IN ('p', 'u') LOOP
        IF NOT (key_attnums <@ con.conkey) THEN
            problems := problems || format('table %s: %s %s must contain the shard key (%s)', rel,
                CASE con.contype WHEN 'p' THEN 'primary key' ELSE 'unique constraint' END, con.conname, array_to_string(keys, ', '));
        END IF;
    END LOOP;
    FOR con IN SELECT ic.relname AS indexname, i.indkey::smallint[] AS indkey FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
               WHERE i.indrelid = rel AND i.indisunique
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = i.indexrelid) LOOP
        IF NOT (key_attnums <@ con.indkey) THEN
            problems := problems || format('table %s: unique index %s must contain the shard key (%s)', rel, con.indexname, array_to_string(keys, ', '));
        END IF;
    END LOOP;

    IF collocate IS NOT NULL THEN
        SELECT * INTO target FROM rds_aurora.limitless_local_tables WHERE relid = collocate;
        IF target.relid IS NULL OR target.table_type <> 'sharded' THEN
            problems := problems || format('table %s: cannot collocate with %s, which is not a sharded table', rel, collocate);
        ELSE
            SELECT array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY k.o) INTO target_types
            FROM unnest(target.shard_key) WITH ORDINALITY AS k(name, o) JOIN pg_attribute a ON a.attrelid = collocate AND a.attname = k.name;
            SELECT array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY k.o) INTO own_types
            FROM unnest(keys) WITH ORDINALITY AS k(name, o) JOIN pg_attribute a ON a.attrelid = rel AND a.attname = k.name;
            IF target.shard_key <> keys OR target_types <> own_types THEN
                problems := problems || format('table %s: collocated tables need shard keys with the same names and types; %s has (%s) %s, %s has (%s) %s',
                    rel, collocate, array_to_string(target.shard_key, ', '), target_types, rel, array_to_string(keys, ', '), own_types);
            END IF;
        END IF;
    END IF;
    RETURN problems;
END
$$;

-- Turns an existing plain table into the emulated form of a sharded (hash-partitioned) or reference table.
CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_apply(rel regclass, mode text, keys text[], collocate regclass, origin text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    problems text[];
    schema_name text;
    table_name text;
    temporary_name text;
    shard_count integer;
    old_kinds text[];
    old_definitions text[];
    old_names text[];
    owned_sequences regclass[];
    owned_columns text[];
    con record;
    idx record;
    columns text;
    i integer;
    new_rel regclass;
    moved bigint;
    expected bigint;
    collocation bigint;
BEGIN
    problems := rds_aurora.limitless_local_violations(rel, mode, keys, collocate, origin);
    IF cardinality(problems) > 0 THEN
        RAISE EXCEPTION 'Aurora Limitless would refuse % table %: %', mode, rel, array_to_string(problems, '; ')
            USING ERRCODE = 'feature_not_supported', DETAIL = array_to_string(problems, E'\n');
    END IF;

    PERFORM set_config('rds_aurora.limitless_local_busy', 'on', true);
    IF mode = 'reference' THEN
        INSERT INTO rds_aurora.limitless_local_tables (relid, table_type) VALUES (rel, 'reference')
        ON CONFLICT (relid) DO UPDATE SET table_type = 'reference', shard_key = NULL, collocation_id = NULL;
        PERFORM set_config('rds_aurora.limitless_local_busy', 'off', true);
        RETURN;
    END IF;

    SELECT n.nspname, c.relname INTO schema_name, table_name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = rel;
    SELECT s.shard_count INTO shard_count FROM rds_aurora.limitless_local_settings s;
    temporary_name := 'limitless_local_old_' || rel::oid;
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
    FROM pg_attribute WHERE attrelid = rel AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
    IF origin = 'convert' THEN
        EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', rel);
        EXECUTE format('SELECT count(*) FROM %s', rel) INTO expected;
    END IF;

    SELECT array_agg(kind), array_agg(definition), array_agg(name) INTO old_kinds, old_definitions, old_names
    FROM (SELECT 'constraint' AS kind, pg_get_constraintdef(oid) AS definition, conname::text AS name
          FROM pg_constraint WHERE conrelid = rel AND contype IN ('p', 'u')
          UNION ALL
          SELECT 'index', regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', ''), ic.relname::text
          FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
          WHERE i.indrelid = rel AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = i.indexrelid)) named;

    EXECUTE format('ALTER TABLE %I.%I RENAME TO %I', schema_name, table_name, temporary_name);
    SELECT array_agg(d.objid::regclass), array_agg(a.attname::text) INTO owned_sequences, owned_columns
    FROM pg_depend d
    JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE d.refobjid = rel AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
      AND (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'S';
    FOR i IN 1 .. coalesce(cardinality(owned_sequences), 0) LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNED BY NONE', owned_sequences[i]);
    END LOOP;

    EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I INCLUDING ALL) PARTITION BY HASH (%s)', schema_name, table_name,
        schema_name, temporary_name, (SELECT string_agg(quote_ident(k), ', ' ORDER BY o) FROM unnest(keys) WITH ORDINALITY u(k, o)));
    new_rel := format('%I.%I', schema_name, table_name)::regclass;
    FOR i IN 0 .. shard_count - 1 LOOP
        EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES WITH (MODULUS %s, REMAINDER %s)',
            schema_name, table_name || '_shard' || i, schema_name, table_name, shard_count, i);
    END LOOP;
    IF origin = 'convert' THEN
        EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM %I.%I', new_rel, columns, columns, schema_name, temporary_name);
        GET DIAGNOSTICS moved = ROW_COUNT;
        IF moved <> expected THEN
            RAISE EXCEPTION 'converting % moved % rows but the table had %', rel, moved, expected;
        END IF;
    END IF;
    FOR i IN 1 .. coalesce(cardinality(owned_sequences), 0) LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNED BY %s.%I', owned_sequences[i], new_rel, owned_columns[i]);
    END LOOP;
    EXECUTE format('DROP TABLE %I.%I', schema_name, temporary_name);

    -- give constraints and indexes back the names the user chose
    FOR con IN SELECT c.conname, o.name FROM pg_constraint c
               JOIN unnest(old_kinds, old_definitions, old_names) AS o(kind, definition, name)
               ON o.kind = 'constraint' AND o.definition = pg_get_constraintdef(c.oid)
               WHERE c.conrelid = new_rel AND c.contype IN ('p', 'u') AND c.conname <> o.name LOOP
        EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', new_rel, con.conname, con.name);
    END LOOP;
    FOR idx IN SELECT ic.relname AS current_name, o.name FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
               JOIN unnest(old_kinds, old_definitions, old_names) AS o(kind, definition, name) ON o.kind = 'index' AND o.definition = regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '')
               WHERE i.indrelid = new_rel AND ic.relname <> o.name
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = i.indexrelid) LOOP
        EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', schema_name, idx.current_name, idx.name);
    END LOOP;

    EXECUTE format('CREATE TRIGGER limitless_shard_key_update BEFORE UPDATE OF %s ON %s FOR EACH STATEMENT EXECUTE FUNCTION rds_aurora.limitless_local_refuse_shard_key_update()',
        (SELECT string_agg(quote_ident(k), ', ') FROM unnest(keys) k), new_rel);

    IF collocate IS NOT NULL THEN
        SELECT collocation_id INTO collocation FROM rds_aurora.limitless_local_tables WHERE relid = collocate;
    END IF;
    INSERT INTO rds_aurora.limitless_local_tables (relid, table_type, shard_key, collocation_id)
    VALUES (new_rel, 'sharded', keys, coalesce(collocation, new_rel::oid::bigint));
    -- the active shard key (limitless-local-active-key.sql)
    PERFORM rds_aurora.limitless_local_active_key_attach(new_rel);
    PERFORM set_config('rds_aurora.limitless_local_busy', 'off', true);
END
$$;

CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_refuse_shard_key_update()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Shard key column update is not supported'
        USING ERRCODE = 'feature_not_supported',
              DETAIL = format('UPDATE on sharded table %I.%I assigns a shard-key column.', TG_TABLE_SCHEMA, TG_TABLE_NAME),
              HINT = 'Delete the row and insert it with the new key instead.';
END
$$;

-- Foreign keys that Aurora allows: standard->standard, sharded->sharded (collocated, covering the shard key),
-- sharded->reference, reference->reference.
CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_check_foreign_keys(rel regclass)
RETURNS void LANGUAGE plpgsql STABLE AS $$
DECLARE
    fk record;
    child rds_aurora.limitless_local_tables%ROWTYPE;
    parent rds_aurora.limitless_local_tables%ROWTYPE;
    child_type text;
    parent_type text;
BEGIN
    FOR fk IN SELECT conname, conrelid::regclass AS child_rel, confrelid::regclass AS parent_rel, conkey, confkey
              FROM pg_constraint WHERE contype = 'f' AND (conrelid = rel OR confrelid = rel)
                AND conparentid = 0 LOOP
        SELECT * INTO child FROM rds_aurora.limitless_local_tables WHERE relid = fk.child_rel;
        SELECT * INTO parent FROM rds_aurora.limitless_local_tables WHERE relid = fk.parent_rel;
        child_type := coalesce(child.table_type, 'standard');
        parent_type := coalesce(parent.table_type, 'standard');
        IF child_type = 'standard' AND parent_type = 'standard' THEN
            CONTINUE;
        ELSIF child_type = 'sharded' AND parent_type = 'reference' THEN
            CONTINUE;
        ELSIF child_type = 'reference' AND parent_type = 'reference' THEN
            CONTINUE;
        ELSIF child_type = 'sharded' AND parent_type = 'sharded' THEN
            IF child.collocation_id IS DISTINCT FROM parent.collocation_id THEN
                RAISE EXCEPTION 'foreign key % from sharded table % to sharded table % is not supported: the tables are not collocated', fk.conname, fk.child_rel, fk.parent_rel
                    USING ERRCODE = 'feature_not_supported', HINT = 'Create the child with rds_aurora.limitless_create_table_collocate_with set to the parent.';
            END IF;
            IF NOT (rds_aurora.limitless_local_key_attnums(fk.child_rel, child.shard_key) <@ fk.conkey) THEN
                RAISE EXCEPTION 'foreign key % from % to % must contain the shard key (%)', fk.conname, fk.child_rel, fk.parent_rel, array_to_string(child.shard_key, ', ')
                    USING ERRCODE = 'feature_not_supported';
            END IF;
        ELSE
            RAISE EXCEPTION 'foreign key % from % table % to % table % is not supported by Aurora Limitless', fk.conname, child_type, fk.child_rel, parent_type, fk.parent_rel
                USING ERRCODE = 'feature_not_supported',
                      HINT = 'Allowed: standard to standard, sharded to sharded (collocated), sharded to reference, reference to reference.';
        END IF;
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_on_ddl()
RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
    mode text;
    keys text[];
    collocate_name text;
    collocate regclass;
    cmd record;
BEGIN
    IF current_setting('rds_aurora.limitless_local_busy', true) = 'on' THEN
        RETURN;
    END IF;
    mode := lower(coalesce(nullif(current_setting('rds_aurora.limitless_create_table_mode', true), ''), 'standard'));
    IF mode NOT IN ('standard', 'sharded', 'reference') THEN
        RAISE EXCEPTION 'invalid value for parameter "rds_aurora.limitless_create_table_mode": "%"', mode
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Available values: standard, sharded, reference.';
    END IF;
    FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE object_type = 'table' LOOP
        IF cmd.command_tag = 'CREATE TABLE' AND mode <> 'standard'
           AND (SELECT relpersistence FROM pg_class WHERE oid = cmd.objid) <> 't' THEN
            IF mode = 'sharded' THEN
                BEGIN
                    keys := nullif(current_setting('rds_aurora.limitless_create_table_shard_key', true), '')::text[];
                EXCEPTION WHEN invalid_text_representation THEN
                    RAISE EXCEPTION 'invalid value for parameter "rds_aurora.limitless_create_table_shard_key": "%"',
                        current_setting('rds_aurora.limitless_create_table_shard_key', true)
                        USING ERRCODE = 'invalid_parameter_value', HINT = 'Use an array literal such as ''{"account_id"}''.';
                END;
                collocate_name := nullif(current_setting('rds_aurora.limitless_create_table_collocate_with', true), '');
                collocate := NULL;
                IF collocate_name IS NOT NULL THEN
                    collocate := to_regclass(collocate_name);
                    IF collocate IS NULL THEN
                        RAISE EXCEPTION 'rds_aurora.limitless_create_table_collocate_with names table "%", which does not exist', collocate_name
                            USING ERRCODE = 'undefined_table';
                    END IF;
                END IF;
            END IF;
            PERFORM rds_aurora.limitless_local_apply(cmd.objid::regclass, mode, keys, collocate, 'create');
        ELSIF cmd.command_tag IN ('CREATE TABLE', 'ALTER TABLE') THEN
            PERFORM rds_aurora.limitless_local_check_foreign_keys(cmd.objid::regclass);
        END IF;
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_on_drop()
RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM rds_aurora.limitless_local_tables t
    USING pg_event_trigger_dropped_objects() d
    WHERE d.object_type = 'table' AND t.relid = d.objid;
END
$$;

DROP EVENT TRIGGER IF EXISTS limitless_local_ddl;
CREATE EVENT TRIGGER limitless_local_ddl ON ddl_command_end
    WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
    EXECUTE FUNCTION rds_aurora.limitless_local_on_ddl();

DROP EVENT TRIGGER IF EXISTS limitless_local_drop;
CREATE EVENT TRIGGER limitless_local_drop ON sql_drop
    WHEN TAG IN ('DROP TABLE', 'DROP SCHEMA', 'DROP OWNED')
    EXECUTE FUNCTION rds_aurora.limitless_local_on_drop();

CREATE OR REPLACE PROCEDURE rds_aurora.limitless_alter_table_type_sharded(table_name text, shard_keys text[], collocate_with text DEFAULT NULL)
LANGUAGE plpgsql AS $$
DECLARE
    rel regclass := to_regclass(table_name);
    collocate regclass;
BEGIN
    IF rel IS NULL THEN
        RAISE EXCEPTION 'relation "%" does not exist', table_name USING ERRCODE = 'undefined_table';
    END IF;
    IF EXISTS (SELECT 1 FROM rds_aurora.limitless_local_tables WHERE relid = rel) THEN
        RAISE EXCEPTION 'table % is already a % table', rel, (SELECT table_type FROM rds_aurora.limitless_local_tables WHERE relid = rel)
            USING ERRCODE = 'feature_not_supported', HINT = 'Only standard tables can be converted.';
    END IF;
    IF collocate_with IS NOT NULL THEN
        collocate := to_regclass(collocate_with);
        IF collocate IS NULL THEN
            RAISE EXCEPTION 'relation "%" does not exist', collocate_with USING ERRCODE = 'undefined_table';
        END IF;
    END IF;
    PERFORM rds_aurora.limitless_local_apply(rel, 'sharded', shard_keys, collocate, 'convert');
END
$$;

CREATE OR REPLACE PROCEDURE rds_aurora.limitless_alter_table_type_reference(table_name text)
LANGUAGE plpgsql AS $$
DECLARE
    rel regclass := to_regclass(table_name);
BEGIN
    IF rel IS NULL THEN
        RAISE EXCEPTION 'relation "%" does not exist', table_name USING ERRCODE = 'undefined_table';
    END IF;
    IF EXISTS (SELECT 1 FROM rds_aurora.limitless_local_tables WHERE relid = rel) THEN
        RAISE EXCEPTION 'table % is already a % table', rel, (SELECT table_type FROM rds_aurora.limitless_local_tables WHERE relid = rel)
            USING ERRCODE = 'feature_not_supported', HINT = 'Only standard tables can be converted.';
    END IF;
    EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', rel);
    PERFORM rds_aurora.limitless_local_apply(rel, 'reference', NULL, NULL, 'convert');
END
$$;

-- Aurora's routers refuse every advisory lock, session or transaction level, exclusive or shared, with one message
-- (users' reports: flyway/flyway#4022 shows it for Flyway's pg_try_advisory_xact_lock). PostgreSQL calls its built-in
-- functions by OID, so they cannot be replaced; instead functions of the same names and signatures in
-- rds_aurora_local_router win over pg_catalog's because the database's search_path lists that schema before an
-- explicit pg_catalog. Not caught: calls qualified as pg_catalog.pg_advisory_lock(...), and sessions whose
-- search_path was set otherwise (SET search_path, currentSchema=, ALTER ROLE ... SET search_path).
CREATE SCHEMA IF NOT EXISTS rds_aurora_local_router;
GRANT USAGE ON SCHEMA rds_aurora_local_router TO PUBLIC;

CREATE OR REPLACE FUNCTION rds_aurora_local_router.limitless_local_refuse_advisory_lock(fn text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'acquiring pg_advisory_lock is not supported in limitless database'
        USING ERRCODE = 'feature_not_supported',
              DETAIL = format('%s was called; Aurora Limitless routers refuse session and transaction advisory locks.', fn),
              HINT = 'Serialise with a row lock instead: SELECT ... FOR UPDATE on a row of a standard table, inside a transaction.';
END
$$;

DO $advisory$
DECLARE
    fn text;
    args text;
BEGIN
    FOREACH fn IN ARRAY ARRAY['pg_advisory_lock', 'pg_advisory_lock_shared', 'pg_advisory_xact_lock', 'pg_advisory_xact_lock_shared',
                              'pg_try_advisory_lock', 'pg_try_advisory_lock_shared', 'pg_try_advisory_xact_lock', 'pg_try_advisory_xact_lock_shared'] LOOP
        FOREACH args IN ARRAY ARRAY['bigint', 'integer, integer'] LOOP
            EXECUTE format('CREATE OR REPLACE FUNCTION rds_aurora_local_router.%I(%s) RETURNS %s LANGUAGE plpgsql VOLATILE STRICT AS $f$'
                || 'BEGIN PERFORM rds_aurora_local_router.limitless_local_refuse_advisory_lock(%L); RETURN %s; END $f$',
                fn, args, CASE WHEN fn LIKE 'pg\_try\_%' THEN 'boolean' ELSE 'void' END, fn,
                CASE WHEN fn LIKE 'pg\_try\_%' THEN 'false' ELSE '' END);
        END LOOP;
    END LOOP;
END
$advisory$;

-- New sessions of this database resolve unqualified function names through rds_aurora_local_router before
-- pg_catalog. The schema goes after the user's schemas so that CREATE without a schema still lands in them.
-- A database copied from this one as a template does not inherit the setting: limitless-test copies it.
DO $search_path$
DECLARE
    current_path text;
BEGIN
    SELECT substring(cfg FROM '^search_path=(.*)$') INTO current_path
    FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase, unnest(s.setconfig) AS cfg
    WHERE d.datname = current_database() AND s.setrole = 0 AND cfg LIKE 'search\_path=%';
    current_path := coalesce(current_path, '"$user", public');
    IF current_path !~ 'rds_aurora_local_router' THEN
        IF current_path ~* '(^|,)\s*pg_catalog\s*(,|$)' THEN
            current_path := regexp_replace(current_path, '(^|,)(\s*)pg_catalog', '\1\2rds_aurora_local_router, pg_catalog', 'i');
        ELSE
            current_path := current_path || ', rds_aurora_local_router, pg_catalog';
        END IF;
        EXECUTE format('ALTER DATABASE %I SET search_path = %s', current_database(), current_path);
    END IF;
    -- the installing session too (a pooled connection that installed is reused afterwards)
    PERFORM set_config('search_path', current_path, false);
END
$search_path$;

-- Aurora's routers show every table (standard, reference, sharded) as a foreign table to catalog queries and JDBC
-- metadata (users' reports: liquibase/liquibase#6690, flyway/flyway#4022). PostgreSQL has no way to show a table with
-- another relkind, so this procedure builds the closest thing, on request: each user table moves, with its partitions,
-- indexes, constraints and owned sequences, to rds_aurora_local_storage, and a postgres_fdw foreign table of the same
-- name, columns, NOT NULLs and defaults takes its place, reading and writing it over a loopback connection to this
-- database. Not part of the default emulation: statements through a foreign table are planned as a Foreign Scan, so
-- partition pruning and ShardTouchOracle no longer see shards, and foreign tables take no new constraints or indexes.
-- Needs a superuser and the postgres_fdw extension; the loopback connects as the caller, without a password.
CREATE OR REPLACE PROCEDURE rds_aurora.limitless_local_present_as_foreign_tables()
LANGUAGE plpgsql AS $$
DECLARE
    r record;
    part regclass;
    columns text;
BEGIN
    CREATE EXTENSION IF NOT EXISTS postgres_fdw;
    IF NOT EXISTS (SELECT 1 FROM pg_foreign_server WHERE srvname = 'rds_aurora_local_router') THEN
        EXECUTE format('CREATE SERVER rds_aurora_local_router FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host %L, port %L, dbname %L)',
            coalesce(host(inet_server_addr()), 'localhost'), current_setting('port'), current_database());
        EXECUTE format('CREATE USER MAPPING FOR PUBLIC SERVER rds_aurora_local_router OPTIONS (user %L, password_required %L)',
            current_user, 'false');
    END IF;
    CREATE SCHEMA IF NOT EXISTS rds_aurora_local_storage;
    PERFORM set_config('rds_aurora.limitless_local_busy', 'on', true);
    FOR r IN SELECT c.oid, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relpersistence = 'p'
               AND n.nspname NOT IN ('information_schema', 'rds_aurora', 'rds_aurora_local_router', 'rds_aurora_local_storage')
               AND n.nspname NOT LIKE 'pg\_%' LOOP
        IF to_regclass(format('rds_aurora_local_storage.%I', r.relname)) IS NOT NULL THEN
            RAISE EXCEPTION 'cannot present %.% as a foreign table: rds_aurora_local_storage already has a table of that name', r.nspname, r.relname;
        END IF;
        EXECUTE format('ALTER TABLE %I.%I SET SCHEMA rds_aurora_local_storage', r.nspname, r.relname);
        FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = r.oid LOOP
            EXECUTE format('ALTER TABLE %s SET SCHEMA rds_aurora_local_storage', part);
        END LOOP;
        -- after the move, defaults name their (moved) sequences with the storage schema
        SELECT string_agg(format('%I %s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                                 CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
                                 coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')), ', ' ORDER BY a.attnum)
        INTO columns
        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped;
        EXECUTE format('CREATE FOREIGN TABLE %I.%I (%s) SERVER rds_aurora_local_router OPTIONS (schema_name %L, table_name %L)',
            r.nspname, r.relname, columns, 'rds_aurora_local_storage', r.relname);
        INSERT INTO rds_aurora.limitless_local_foreign_tables (relid, facade)
        VALUES (r.oid, format('%I.%I', r.nspname, r.relname)::regclass);
    END LOOP;
    PERFORM set_config('rds_aurora.limitless_local_busy', 'off', true);
END
$$;
