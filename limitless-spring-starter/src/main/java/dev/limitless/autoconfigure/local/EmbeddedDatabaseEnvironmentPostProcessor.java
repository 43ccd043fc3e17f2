package dev.limitless.autoconfigure.local;

import dev.limitless.local.LocalLimitless;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * With {@code limitless.local.embedded-database=true} and no {@code spring.datasource.url}, starts an embedded
 * PostgreSQL (from limitless-test) with the local Limitless emulation and points {@code spring.datasource.*} at a
 * fresh database on it. This is how the sample application runs with one command and no installed database; it is
 * for local runs and tests, never for production data (the server trades durability for speed and is deleted when
 * the JVM exits).
 */
public final class EmbeddedDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String ENABLED = "limitless.local.embedded-database";
    static final String SHARDS = "limitless.local.shards";
    static final String ORDINARY_ROLE = "limitless.local.ordinary-role";
    static final String PROPERTY_SOURCE = "limitlessEmbeddedDatabase";
    private static final String SERVERS = "dev.limitless.test.PostgresServers";

    private final Log log;

    public EmbeddedDatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedDatabaseEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(ENABLED, Boolean.class, false) || environment.containsProperty("spring.datasource.url")
                || environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        if (!ClassUtils.isPresent(SERVERS, getClass().getClassLoader())) {
            throw new IllegalStateException(ENABLED + "=true needs dev.limitless:limitless-test on the class path"
                    + " (it holds the embedded PostgreSQL). Add it as a runtime dependency, or set spring.datasource.url"
                    + " to a database of your own.");
        }
        int shards = environment.getProperty(SHARDS, Integer.class, LocalLimitless.DEFAULT_SHARDS);
        String name = environment.getProperty("spring.application.name", "limitless");
        EmbeddedDatabase database = EmbeddedDatabase.create(name, shards,
                environment.getProperty(ORDINARY_ROLE, Boolean.class, false));
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(
                "spring.datasource.url", database.jdbcUrl(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password())));
        log.info("Started an embedded PostgreSQL with the local Limitless emulation (" + shards + " shards): "
                + database.jdbcUrl());
    }

    /** Kept in its own type so that limitless-test classes load only when the feature is on. */
    private record EmbeddedDatabase(String jdbcUrl, String username, String password) {
        static EmbeddedDatabase create(String name, int shards, boolean ordinaryRole) {
            dev.limitless.test.TestDatabase database = dev.limitless.test.PostgresServers.shared().createDatabase(name, shards);
            if (!ordinaryRole) {
                return new EmbeddedDatabase(database.jdbcUrl(), database.username(), database.password());
            }
            // as on Aurora, whose master user is no PostgreSQL superuser: row-level security (the emulated active
            // shard key) applies to the application's own statements
            String role = database.name() + "_app";
            String password = java.util.UUID.randomUUID().toString();
            try (java.sql.Connection connection = database.connect(); java.sql.Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE \"" + role.replace("\"", "\"\"") + "\" LOGIN PASSWORD '" + password + "'");
                statement.execute("ALTER DATABASE \"" + database.name().replace("\"", "\"\"") + "\" OWNER TO \""
                        + role.replace("\"", "\"\"") + "\"");
                statement.execute("ALTER SCHEMA public OWNER TO \"" + role.replace("\"", "\"\"") + "\"");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Could not create the ordinary role of the embedded database: " + e.getMessage(), e);
            }
            return new EmbeddedDatabase(database.jdbcUrl(), role, password);
        }
    }
}
