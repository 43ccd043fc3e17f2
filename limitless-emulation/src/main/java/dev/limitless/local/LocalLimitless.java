package dev.limitless.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Installs the local emulation of Aurora PostgreSQL Limitless Database into a plain PostgreSQL (14 or newer) database.
 *
 * <p>After installation, Limitless DDL written for Aurora runs unmodified: {@code SET LOCAL
 * rds_aurora.limitless_create_table_mode='sharded'} with a shard key turns the next {@code CREATE TABLE} into a table
 * hash-partitioned on the shard key, one partition per emulated shard; {@code 'reference'} records a reference
 * table; {@code rds_aurora.limitless_alter_table_type_sharded/_reference} convert existing tables and keep their
 * rows; {@code rds_aurora.limitless_tables} answers as on Aurora. The rules Aurora enforces on table creation are
 * enforced with errors that name the table and the rule. {@code SET [LOCAL] rds_aurora.limitless_active_shard_key}
 * restricts statements on sharded tables to that key and fills it into inserts that omit it (row-level security,
 * which PostgreSQL does not apply to superusers' SELECTs, a trigger and column defaults; docs/active-shard-key.md). See docs/local-emulation.md for what is and is not emulated.
 *
 * <p>Installing is idempotent and leaves existing user tables alone. It needs a superuser (event triggers).
 */
public final class LocalLimitless {

    /** Emulated shard count when none is given. */
    public static final int DEFAULT_SHARDS = 16;

    /** Largest shard count the emulation accepts (partition names must fit PostgreSQL's 63-character limit). */
    public static final int MAX_SHARDS = 512;

    private static final String SCRIPT = "limitless-local.sql";
    /** Transaction routers and statement statistics, in a file of their own. */
    private static final String ROUTERS_SCRIPT = "limitless-local-routers.sql";

    /** The active shard key (rds_aurora.limitless_active_shard_key), run after {@link #SCRIPT}. */
    private static final String ACTIVE_KEY_SCRIPT = "limitless-local-active-key.sql";
    private static final long INSTALL_LOCK = 0x4c494d49544c4553L; // "LIMITLES"

    private LocalLimitless() {
    }

    /** Installs with {@link #DEFAULT_SHARDS} shards. */
    public static void install(DataSource dataSource) throws SQLException {
        install(dataSource, DEFAULT_SHARDS);
    }

    /** Installs into the database behind the data source. */
    public static void install(DataSource dataSource, int shards) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            install(connection, shards);
        }
    }

    /**
     * Installs into the database of the connection, in one transaction. The connection's auto-commit setting is
     * restored afterwards.
     *
     * @throws IllegalArgumentException if {@code shards} is not between 1 and {@link #MAX_SHARDS}
     * @throws LocalInstallRefusedException if the server reports Amazon Aurora or RDS
     * @throws SQLException if the user is not a superuser, the server is older than PostgreSQL 14, or the database
     *     already has the emulation with another shard count and sharded tables
     */
    public static void install(Connection connection, int shards) throws SQLException {
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("The emulated shard count must be between 1 and " + MAX_SHARDS + ", not " + shards);
        }
        checkServer(connection);
        String script = script(SCRIPT).replace("${shards}", Integer.toString(shards));
        String routers = script(ROUTERS_SCRIPT);
        String activeKeyScript = script(ACTIVE_KEY_SCRIPT);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // qualified: unqualified advisory locks are refused by the emulation, as on Aurora
            statement.execute("SELECT pg_catalog.pg_advisory_xact_lock(" + INSTALL_LOCK + ")");
            statement.execute(script);
            statement.execute(routers);
            statement.execute(activeKeyScript);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Whether the emulation is installed in the database of the connection. */
    public static boolean isInstalled(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT to_regclass('rds_aurora.limitless_local_settings') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** The emulated shard count of the database, or 0 when the emulation is not installed. */
    public static int shardCount(Connection connection) throws SQLException {
        if (!isInstalled(connection)) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT shard_count FROM rds_aurora.limitless_local_settings")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void checkServer(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT current_setting('server_version_num')::int, rolsuper, current_user FROM pg_roles WHERE rolname = current_user")) {
            if (!rs.next()) {
                throw new SQLException("Could not read the current role from pg_roles");
            }
            int version = rs.getInt(1);
            if (version < 140000) {
                throw new SQLException("The local Limitless emulation needs PostgreSQL 14 or newer; this server is "
                        + version / 10000 + "." + version % 10000 / 100, "0A000");
            }
            if (!rs.getBoolean(2)) {
                throw new SQLException("Installing the local Limitless emulation needs a superuser (it creates event"
                        + " triggers), and role '" + rs.getString(3) + "' is not one. Connect as a superuser, e.g. postgres.",
                        "42501");
            }
        }
        if (!isInstalled(connection)) {
            refuseAurora(connection);
        }
    }

    /**
     * The emulation's event triggers and {@code rds_aurora} objects must never land on a real Aurora or RDS server
     * (an application pointed at the wrong URL with {@code limitless.local.*} on). Any sign is enough: the server's
     * {@code version()}, Aurora's {@code aurora_version()} function, or settings only Aurora and RDS define (not the
     * placeholders a plain PostgreSQL creates when a session merely sets {@code rds_aurora.*}). A database that already
     * holds the emulation was checked when it was installed.
     */
    private static void refuseAurora(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT concat_ws('; ',
                         CASE WHEN version() ILIKE '%aurora%' THEN 'version() names Aurora' END,
                         CASE WHEN EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'aurora_version')
                              THEN 'it has the function aurora_version()' END,
                         (SELECT 'it defines the settings ' || string_agg(name, ', ' ORDER BY name) FROM pg_settings
                           WHERE (name LIKE 'rds_aurora.%' OR name LIKE 'aurora.%' OR name LIKE 'rds.%')
                             AND category <> 'Customized Options'))""")) {
            String signs = rs.next() ? rs.getString(1) : "";
            if (signs != null && !signs.isEmpty()) {
                throw new LocalInstallRefusedException("Refusing to install the local Limitless emulation: this server"
                        + " reports Amazon Aurora or RDS (" + signs + "). The emulation is for a local or CI PostgreSQL"
                        + " only; check the JDBC URL, and turn limitless.local.* off for this environment.");
            }
        }
    }

    private static String script(String name) {
        try (InputStream in = LocalLimitless.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the limitless-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
