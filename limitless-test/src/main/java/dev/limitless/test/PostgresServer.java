package dev.limitless.test;

import dev.limitless.local.LocalLimitless;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running PostgreSQL server that hands out fresh databases, each with the local Limitless emulation installed
 * when asked. Obtain the shared one with {@link PostgresServers#shared()}.
 */
public abstract class PostgresServer {

    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();

    private final ConcurrentMap<Integer, String> templates = new ConcurrentHashMap<>();

    /** JDBC URL of the given database on this server. */
    public abstract String jdbcUrl(String database);

    /** User name with the right to create databases. */
    public abstract String username();

    /** Password of {@link #username()}; may be empty. */
    public abstract String password();

    /** Where this server comes from, for logs and error messages. */
    public abstract String description();

    /** The database that always exists (used to create others). */
    protected String maintenanceDatabase() {
        return "postgres";
    }

    /**
     * Creates a new, empty database with a unique name that starts with {@code prefix}.
     *
     * @param prefix lower-case letters, digits and underscores
     * @param shards number of emulated shards, or {@code 0} for a plain database without the emulation
     */
    public TestDatabase createDatabase(String prefix, int shards) {
        String name = uniqueName(prefix);
        String template = shards > 0 ? templateFor(shards) : "template0";
        execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        copyDatabaseSettings(template, name);
        PostgresServers.created(jdbcUrl(name));
        return new TestDatabase(this, name, shards);
    }

    /** Drops a database created by {@link #createDatabase}, closing other sessions on it first. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Opens a connection to the given database with this server's credentials. */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username());
        properties.setProperty("password", password());
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /**
     * A copy of a template does not inherit the template's {@code ALTER DATABASE ... SET} settings, and the emulation
     * needs its search_path (it is how unqualified advisory locks are refused, as on Aurora).
     */
    private void copyDatabaseSettings(String template, String name) {
        List<String> settings = new ArrayList<>();
        try (Connection connection = connect(maintenanceDatabase());
             PreparedStatement statement = connection.prepareStatement("SELECT unnest(s.setconfig) FROM pg_db_role_setting s"
                     + " JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = ? AND s.setrole = 0")) {
            statement.setString(1, template);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    settings.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the settings of " + template + " on " + description() + ": "
                    + e.getMessage(), e);
        }
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            // pg_db_role_setting keeps each value in the form SET accepts (a list stays a list)
            execute("ALTER DATABASE " + name + " SET " + setting.substring(0, equals) + " = " + setting.substring(equals + 1));
        }
    }

    private String templateFor(int shards) {
        return templates.computeIfAbsent(shards, this::createTemplate);
    }

    private String createTemplate(int shards) {
        String name = uniqueName("limitless_template_" + shards);
        execute("CREATE DATABASE " + name + " TEMPLATE template0");
        try (Connection connection = connect(name)) {
            LocalLimitless.install(connection, shards);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not install the local Limitless emulation into " + name + " on "
                    + description() + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(name), "limitless-drop-" + name));
        return name;
    }

    private void dropQuietly(String name) {
        try {
            dropDatabase(name);
        } catch (RuntimeException ignored) {
            // the server may already be gone at shutdown; nothing to clean then
        }
    }

    private static String uniqueName(String prefix) {
        String clean = prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
            clean = "db_" + clean;
        }
        String suffix = "_" + ProcessHandle.current().pid() + "_" + DATABASE_COUNTER.incrementAndGet();
        int room = 63 - suffix.length();
        return (clean.length() > room ? clean.substring(0, room) : clean) + suffix;
    }

    private void execute(String sql) {
        try (Connection connection = connect(maintenanceDatabase()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + description() + ": " + e.getMessage(), e);
        }
    }
}
