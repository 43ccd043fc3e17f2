package dev.limitless.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the one PostgreSQL server of this JVM, in this order:
 * <ol>
 *   <li>an explicit JDBC URL: system property {@value #URL_PROPERTY} or environment variable {@value #URL_ENV}
 *       (credentials from {@code limitless.test.username}/{@code LIMITLESS_TEST_USERNAME} and
 *       {@code limitless.test.password}/{@code LIMITLESS_TEST_PASSWORD});</li>
 *   <li>Testcontainers' PostgreSQL, when Testcontainers is on the class path and a Docker engine answers;</li>
 *   <li>an embedded PostgreSQL 16 from binaries shipped as a Maven artifact.</li>
 * </ol>
 * {@value #KIND_PROPERTY} ({@code url}, {@code container} or {@code embedded}) forces one of them.
 */
public final class PostgresServers {

    public static final String URL_PROPERTY = "limitless.test.jdbc-url";
    public static final String URL_ENV = "LIMITLESS_TEST_JDBC_URL";
    public static final String KIND_PROPERTY = "limitless.test.postgres";

    private static final Logger log = LoggerFactory.getLogger(PostgresServers.class);
    /** host:port/database of every database this JVM's test support created. */
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private PostgresServers() {
    }

    /** The server shared by everything in this JVM, started on first use and stopped when the JVM exits. */
    public static PostgresServer shared() {
        return Holder.SERVER;
    }

    /**
     * Whether the database the JDBC URL names was created by this JVM's test support ({@link PostgresServer#createDatabase},
     * which also backs the starter's embedded database). The starter's local mode installs the emulation only into
     * such a database unless told otherwise: a database somebody else made may hold real data.
     */
    public static boolean createdHere(String jdbcUrl) {
        String key = key(jdbcUrl);
        return key != null && CREATED.contains(key);
    }

    static void created(String jdbcUrl) {
        String key = key(jdbcUrl);
        if (key != null) {
            CREATED.add(key);
        }
    }

    private static String key(String jdbcUrl) {
        Properties parsed = jdbcUrl == null ? null : Driver.parseURL(jdbcUrl, new Properties());
        if (parsed == null) {
            return null;
        }
        return parsed.getProperty("PGHOST", "").toLowerCase(Locale.ROOT) + ":" + parsed.getProperty("PGPORT", "5432")
                + "/" + parsed.getProperty("PGDBNAME", "");
    }

    private static final class Holder {
        static final PostgresServer SERVER = choose();
    }

    private static PostgresServer choose() {
        String kind = setting(KIND_PROPERTY, "LIMITLESS_TEST_POSTGRES");
        String url = setting(URL_PROPERTY, URL_ENV);
        if (kind == null) {
            kind = url != null ? "url" : dockerLikelyAvailable() && ContainerPostgresServer.available() ? "container" : "embedded";
        }
        PostgresServer server = switch (kind.toLowerCase(Locale.ROOT)) {
            case "url" -> {
                if (url == null) {
                    throw new IllegalStateException(KIND_PROPERTY + "=url needs a JDBC URL in -D" + URL_PROPERTY
                            + " or the environment variable " + URL_ENV);
                }
                yield new ExternalPostgresServer(url, setting("limitless.test.username", "LIMITLESS_TEST_USERNAME"),
                        setting("limitless.test.password", "LIMITLESS_TEST_PASSWORD"));
            }
            case "container" -> ContainerPostgresServer.start();
            case "embedded" -> EmbeddedPostgresServer.start();
            default -> throw new IllegalStateException("Unknown " + KIND_PROPERTY + "=" + kind
                    + "; use url, container or embedded");
        };
        log.info("Tests use PostgreSQL: {}", server.description());
        return server;
    }

    private static boolean dockerLikelyAvailable() {
        // Asking Testcontainers without any engine in sight costs seconds of probing; look for one first.
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    }

    static String setting(String property, String environmentVariable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentVariable);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
