package dev.limitless.test.boot;

import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A fresh database with the local Limitless emulation for a Spring Boot application, as a
 * {@link LimitlessDatabaseConnectionDetails} bean: import it into a {@code @SpringBootTest} (or pass it to
 * {@code SpringApplication.from(...).with(...)} in a test-run application) and the auto-configured {@code DataSource}
 * connects to it. The server is the one {@link PostgresServers#shared()} chooses (a JDBC URL you give, Testcontainers'
 * PostgreSQL when Docker answers, or the embedded PostgreSQL 16). One database per application context; it is dropped
 * when the context closes.
 *
 * <pre>{@code
 * @SpringBootTest
 * @Import(LimitlessTestDatabase.class)
 * class LedgerTest { ... }
 * }</pre>
 *
 * <p>The database name starts with {@code spring.application.name}; the number of emulated shards is
 * {@code limitless.local.shards} (16 unless set; {@code 0} for a plain PostgreSQL database). With this bean present,
 * {@code limitless.local.embedded-database=true} starts nothing more.
 */
@Configuration(proxyBeanMethods = false)
public class LimitlessTestDatabase {

    /** Default number of emulated shards, the same as the starter's {@code limitless.local.shards}. */
    public static final int DEFAULT_SHARDS = 16;

    /**
     * The database of this application context.
     *
     * @param environment where {@code spring.application.name} and {@code limitless.local.shards} are read
     * @return a new database, dropped when the context closes
     */
    @Bean(destroyMethod = "close")
    TestDatabase limitlessDatabase(Environment environment) {
        int shards = environment.getProperty("limitless.local.shards", Integer.class, DEFAULT_SHARDS);
        String name = environment.getProperty("spring.application.name", "limitless");
        return PostgresServers.shared().createDatabase(name, shards);
    }

    /**
     * The connection details the auto-configured {@code DataSource} uses.
     *
     * @param limitlessDatabase the database of this context
     * @return its connection details
     */
    @Bean
    LimitlessDatabaseConnectionDetails limitlessDatabaseConnectionDetails(TestDatabase limitlessDatabase) {
        return new LimitlessDatabaseConnectionDetails(limitlessDatabase);
    }
}
