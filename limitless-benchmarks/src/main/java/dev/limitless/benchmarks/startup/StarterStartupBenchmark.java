package dev.limitless.benchmarks.startup;

import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the starter adds to an application's start-up: the same Spring Boot application (DataSource, HikariCP, Spring Data JDBC,
 * JdbcClient, a catalog file of two tables), started, asked one query and closed, with the starter's
 * auto-configurations excluded (the baseline) and with them active. Warm JVM: this is the starter's own cost, not
 * class loading of a cold Lambda environment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StarterStartupBenchmark {

    private static final String CATALOG = """
            tables:
              - name: accounts
                mode: sharded
                shardKey: [account_id]
              - name: transactions
                mode: sharded
                shardKey: [account_id]
                collocateWith: accounts
              - name: currencies
                mode: reference
            """;

    /** The application: nothing but Spring Boot's auto-configuration. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    public static class Application {
    }

    private TestDatabase database;
    private Path catalog;
    private String starterAutoConfigurations;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        database = PostgresServers.shared().createDatabase("startup", 0);
        catalog = Files.createTempFile("limitless-startup-catalog-", ".yaml");
        Files.writeString(catalog, CATALOG, StandardCharsets.UTF_8);
        starterAutoConfigurations = String.join(",", starterAutoConfigurations());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        database.close();
        Files.deleteIfExists(catalog);
    }

    @Benchmark
    public Integer baselineWithoutStarter() {
        return startQueryAndClose("spring.autoconfigure.exclude=" + starterAutoConfigurations);
    }

    @Benchmark
    public Integer withStarter() {
        return startQueryAndClose("limitless.catalog.file=file:" + catalog);
    }

    private Integer startQueryAndClose(String property) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + database.username(),
                        "spring.datasource.password=" + database.password(),
                        property)
                .run()) {
            return context.getBean(JdbcClient.class).sql("SELECT 1").query(Integer.class).single();
        }
    }

    /** The starter's auto-configurations, as it lists them for Spring Boot. */
    private static List<String> starterAutoConfigurations() throws IOException {
        List<String> names = new ArrayList<>();
        var resources = StarterStartupBenchmark.class.getClassLoader()
                .getResources("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
        while (resources.hasMoreElements()) {
            try (InputStream in = resources.nextElement().openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(String::trim)
                        .filter(line -> line.startsWith("dev.limitless."))
                        .forEach(names::add);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("The starter's AutoConfiguration.imports is not on the class path");
        }
        return names;
    }
}
