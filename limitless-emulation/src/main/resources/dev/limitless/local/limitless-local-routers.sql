-- ============================================================================================================
-- Local emulation, part 2: transaction routers and statement statistics (installed after limitless-local.sql,
-- in the same transaction; every statement is idempotent).
-- ============================================================================================================

-- The emulation's own tables are standard, whatever the installing session set (the DDL trigger is active by now).
SET LOCAL rds_aurora.limitless_create_table_mode = 'standard';

-- Transaction routers. Aurora answers pg_catalog.aurora_limitless_router_endpoints() with one row per router: its
-- endpoint (a host name; clients use the port of the endpoint they connected through) and its load (CPU
-- utilisation, 0 to 1). The AWS JDBC wrapper's limitless plugin polls it ("select router_endpoint, load from
-- pg_catalog.aurora_limitless_router_endpoints()") and spreads new connections by weighted round robin, weight
-- round(10 - 10 * load). Locally the routers are PgBouncer instances on loopback addresses of one port (127.0.0.1,
-- 127.0.0.2, ...) in front of this database, registered here by whoever starts them (limitless-test's LocalRouters).
CREATE TABLE IF NOT EXISTS rds_aurora.limitless_local_routers (
    router_endpoint text PRIMARY KEY,
    load real NOT NULL DEFAULT 0 CHECK (load >= 0 AND load <= 1),
    registered_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON rds_aurora.limitless_local_routers TO PUBLIC;

-- In pg_catalog, where Aurora has it and where the wrapper looks for it (a superuser may create functions there).
-- A shard group always has a router: with none registered, the database server itself is the one router (its own
-- address, as the client reached it), so the wrapper's limitless plugin also works without local PgBouncers.
CREATE OR REPLACE FUNCTION pg_catalog.aurora_limitless_router_endpoints()
RETURNS TABLE (router_endpoint text, load real) LANGUAGE sql STABLE AS $$
    SELECT r.router_endpoint, r.load FROM rds_aurora.limitless_local_routers r
    UNION ALL
    SELECT coalesce(host(inet_server_addr()), 'localhost'), 0::real
     WHERE NOT EXISTS (SELECT 1 FROM rds_aurora.limitless_local_routers)
    ORDER BY 1
$$;

-- Registers a router, or changes its reported load.
CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_add_router(endpoint text, load real DEFAULT 0)
RETURNS void LANGUAGE sql VOLATILE AS $$
    INSERT INTO rds_aurora.limitless_local_routers (router_endpoint, load) VALUES (endpoint, load)
    ON CONFLICT (router_endpoint) DO UPDATE SET load = EXCLUDED.load
$$;

-- Removes a router from what the routers report (a stopped router stays listed on Aurora until the service notices;
-- call this to emulate the service noticing).
CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_remove_router(endpoint text)
RETURNS void LANGUAGE sql VOLATILE AS $$
    DELETE FROM rds_aurora.limitless_local_routers WHERE router_endpoint = endpoint
$$;

-- The shard group's routers and shards, as rds_aurora.limitless_subclusters shows them.
CREATE OR REPLACE VIEW rds_aurora.limitless_subclusters AS
    SELECT (row_number() OVER (ORDER BY router_endpoint))::text AS subcluster_id, 'router'::text AS subcluster_type
      FROM pg_catalog.aurora_limitless_router_endpoints()
    UNION ALL
    SELECT ((SELECT count(*) FROM pg_catalog.aurora_limitless_router_endpoints()) + shard)::text, 'shard'
      FROM rds_aurora.limitless_local_settings, generate_series(1, shard_count) AS shard;
GRANT SELECT ON rds_aurora.limitless_subclusters TO PUBLIC;

-- Statement statistics in the shape of rds_aurora.limitless_stat_statements: one row per statement and subcluster.
-- A client's execution is counted once on the router it went through (calls), and sso_calls counts those the
-- router ran single-shard optimized; the shards count the fragments they ran. The emulation records nothing by
-- itself (its single "router" is PostgreSQL): rows are added with limitless_local_record_statement, by tests and by
-- tools that replay an Aurora export, so that readers of the view (limitless audit --jdbc-url) run against its shape.
CREATE TABLE IF NOT EXISTS rds_aurora.limitless_local_stat_statements (
    subcluster_id text NOT NULL,
    subcluster_type text NOT NULL CHECK (subcluster_type IN ('router', 'shard')),
    userid oid NOT NULL DEFAULT 10,
    dbid oid NOT NULL DEFAULT 0,
    queryid bigint NOT NULL,
    query text NOT NULL,
    calls bigint NOT NULL DEFAULT 0 CHECK (calls >= 0),
    sso_calls bigint NOT NULL DEFAULT 0 CHECK (sso_calls >= 0),
    total_exec_time double precision NOT NULL DEFAULT 0,
    rows bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (subcluster_id, queryid),
    CHECK (sso_calls <= calls)
);

CREATE OR REPLACE VIEW rds_aurora.limitless_stat_statements AS
    SELECT subcluster_id, subcluster_type, userid, dbid, queryid, query, calls, sso_calls, total_exec_time,
           CASE WHEN calls > 0 THEN total_exec_time / calls ELSE 0 END AS mean_exec_time, rows
      FROM rds_aurora.limitless_local_stat_statements;
GRANT SELECT ON rds_aurora.limitless_stat_statements TO PUBLIC;

-- Adds executions of a statement on one subcluster (the queryid is derived from the text, as a stand-in for
-- PostgreSQL's jumble).
CREATE OR REPLACE FUNCTION rds_aurora.limitless_local_record_statement(subcluster_id text, subcluster_type text,
        query text, calls bigint, sso_calls bigint DEFAULT 0, total_exec_time double precision DEFAULT 0)
RETURNS void LANGUAGE sql VOLATILE AS $$
    INSERT INTO rds_aurora.limitless_local_stat_statements AS s
           (subcluster_id, subcluster_type, dbid, queryid, query, calls, sso_calls, total_exec_time)
    VALUES (subcluster_id, subcluster_type, (SELECT oid FROM pg_database WHERE datname = current_database()),
            ('x' || left(md5(query), 16))::bit(64)::bigint, query, calls, sso_calls, total_exec_time)
    ON CONFLICT ON CONSTRAINT limitless_local_stat_statements_pkey DO UPDATE
       SET calls = s.calls + EXCLUDED.calls, sso_calls = s.sso_calls + EXCLUDED.sso_calls,
           total_exec_time = s.total_exec_time + EXCLUDED.total_exec_time
$$;

CREATE OR REPLACE FUNCTION rds_aurora.limitless_stat_statements_reset()
RETURNS void LANGUAGE sql VOLATILE AS $$
    DELETE FROM rds_aurora.limitless_local_stat_statements
$$;

-- What the AWS JDBC wrapper's Aurora PostgreSQL dialect (the one that carries the limitless plugin's router query)
-- asks besides: the cluster topology and the instance it is connected to. Without answers its topology monitor
-- retries in a tight loop and every new connection waits for it. Locally the shard group is one writer
-- "instance", reached as localhost, which is also the name the local cluster endpoint uses.
CREATE OR REPLACE FUNCTION pg_catalog.aurora_replica_status()
RETURNS TABLE (server_id text, session_id text, cpu double precision, replica_lag_in_msec double precision,
               last_update_timestamp timestamptz) LANGUAGE sql STABLE AS $$
    SELECT 'localhost'::text, 'MASTER_SESSION_ID'::text, 0::double precision, 0::double precision, now()
$$;

CREATE OR REPLACE FUNCTION pg_catalog.aurora_db_instance_identifier()
RETURNS text LANGUAGE sql STABLE AS $$
    SELECT 'localhost'::text
$$;
