package dev.limitless.benchmarks.coldstart;

import java.util.UUID;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One cold execution environment, as a Lambda function's: a fresh JVM starts a Spring Boot application with the
 * starter (the init phase), then serves one request (three statements a ledger handler sends: a key lookup, an insert
 * and a collocated join) and a second one. Prints {@code RESULT <init ms> <first request us> <second request us>}.
 *
 * <p>Arguments: JDBC URL, user, password, catalog file, and {@code true|false} for {@code limitless.guard.warm-up.enabled}.
 * Both settings list the handler's statements in {@code limitless.guard.warm-up.statements}; only the switch differs.
 */
public final class ColdStartApplication {

    static final String LOOKUP = "SELECT owner FROM accounts WHERE account_id = ?";
    static final String INSERT = "INSERT INTO transactions (account_id, tx_id, amount) VALUES (?, ?, ?)";
    static final String JOIN = "SELECT a.owner, t.amount FROM accounts a JOIN transactions t ON t.account_id = a.account_id"
            + " WHERE a.account_id = ? ORDER BY t.tx_id DESC LIMIT 20";

    /** Nothing but Spring Boot's auto-configuration (and so the starter's). */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    public static class Application {
    }

    private ColdStartApplication() {
    }

    public static void main(String[] args) {
        long initStart = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("spring.datasource.url=" + args[0], "spring.datasource.username=" + args[1],
                        "spring.datasource.password=" + args[2], "spring.datasource.hikari.maximum-pool-size=1",
                        "limitless.catalog.file=file:" + args[3],
                        "limitless.guard.warm-up.enabled=" + args[4],
                        "limitless.guard.warm-up.statements[0]=" + LOOKUP,
                        "limitless.guard.warm-up.statements[1]=" + INSERT,
                        "limitless.guard.warm-up.statements[2]=" + JOIN)
                .run()) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            jdbc.sql("SELECT 1").query(Integer.class).single(); // the pool's first connection belongs to the init phase
            long initNanos = System.nanoTime() - initStart;
            long first = request(jdbc);
            long second = request(jdbc);
            System.out.printf(java.util.Locale.ROOT, "RESULT %.3f %.3f %.3f%n", initNanos / 1e6, first / 1e3, second / 1e3);
        }
    }

    private static long request(JdbcClient jdbc) {
        long start = System.nanoTime();
        UUID account = UUID.randomUUID();
        jdbc.sql(LOOKUP).param(account).query(String.class).optional();
        jdbc.sql(INSERT).params(account, UUID.randomUUID(), 10).update();
        jdbc.sql(JOIN).param(account).query((rs, row) -> rs.getString(1)).list();
        return System.nanoTime() - start;
    }
}
