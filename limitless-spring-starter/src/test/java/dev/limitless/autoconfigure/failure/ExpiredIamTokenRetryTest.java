package dev.limitless.autoconfigure.failure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.autoconfigure.iam.IamAutoConfiguration;
import dev.limitless.failure.Idempotent;
import dev.limitless.iam.IamDataSource;
import dev.limitless.iam.IamTokenCache;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A unit of work loses its connection, and the IAM token its pool holds is no longer accepted when the retry needs a
 * new connection (the server checks tokens only at connect time; here it accepts only the next signature, as after
 * an expiry). The retry opens a connection, the IAM data source re-signs after the rejection, and the unit is
 * stored once. Real PostgreSQL: the role's password is the token, so the server checks it.
 */
@LimitlessPostgres(shards = 0)
class ExpiredIamTokenRetryTest {

    private static final String SIGNING_HOST = "ledger.shardgrp-c9akciq32abc.eu-west-1.rds.amazonaws.com";
    private static final Instant START = Instant.parse("2026-11-23T03:00:00Z");
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret-key"));

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IamAutoConfiguration.class, DataSourceAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, FailureAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                    AopAutoConfiguration.class))
            .withBean(IamTokenCache.class, () -> cacheAt(START))
            .withUserConfiguration(BookingConfiguration.class)
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.application.name=ledger",
                    "limitless.iam.enabled=true", "spring.datasource.username=failure_iam",
                    "limitless.iam.signing-host=" + SIGNING_HOST, "limitless.iam.tls.mode=unsafe-plaintext-loopback-only",
                    "spring.datasource.hikari.maximum-pool-size=1", "limitless.retry.delay=10ms");

    @BeforeAll
    static void role() {
        JdbcTemplate admin = new JdbcTemplate(database.dataSource());
        admin.execute("DROP ROLE IF EXISTS failure_iam; CREATE ROLE failure_iam LOGIN PASSWORD 'not-the-token'");
        admin.execute("CREATE TABLE iam_bookings (booking_key text PRIMARY KEY)");
        admin.execute("GRANT ALL ON iam_bookings TO failure_iam");
    }

    @Test
    void aLostConnectionWhoseTokenExpiredMeanwhileIsRetriedOnANewlySignedToken() {
        runner.run(context -> {
            IamDataSource iam = (IamDataSource) context.getBean(HikariDataSource.class).getDataSource();
            setPassword(context.getBean(IamTokenCache.class).token(iam.endpoint()));
            // what the cache signs after the server refused the token it holds: one second later
            String next = cacheAt(START.plusSeconds(1)).token(iam.endpoint());

            Bookings bookings = context.getBean(Bookings.class);
            AtomicInteger attempts = new AtomicInteger();
            String key = UUID.randomUUID().toString();
            bookings.book(key, attempts, () -> setPassword(next));

            assertThat(attempts.get()).isEqualTo(2);
            assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                    "SELECT count(*) FROM iam_bookings WHERE booking_key = ?", Integer.class, key)).isEqualTo(1);
            assertThat(context.getBean(IamTokenCache.class).isCurrent(iam.endpoint(), next)).isTrue();
        });
    }

    private static IamTokenCache cacheAt(Instant at) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        return IamTokenCache.builder().credentialsProvider(CREDENTIALS).clock(clock).nanoTime(() -> 0L).build();
    }

    private static void setPassword(String token) {
        new JdbcTemplate(database.dataSource()).execute("ALTER ROLE failure_iam PASSWORD '" + token.replace("'", "''") + "'");
    }

    @Configuration(proxyBeanMethods = false)
    static class BookingConfiguration {
        @Bean
        Bookings bookings(JdbcTemplate jdbc) {
            return new Bookings(jdbc);
        }
    }

    public static class Bookings {
        private final JdbcTemplate jdbc;

        public Bookings(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** The first attempt's connection is terminated after the token in the pool stopped being accepted. */
        @Idempotent
        @Transactional
        public void book(String key, AtomicInteger attempts, Runnable tokenExpires) {
            int attempt = attempts.incrementAndGet();
            jdbc.update("INSERT INTO iam_bookings VALUES (?) ON CONFLICT DO NOTHING", key);
            if (attempt == 1) {
                tokenExpires.run();
                // the session ends itself, as a terminated backend or a replaced router would end it
                jdbc.queryForObject("SELECT pg_terminate_backend(pg_backend_pid())", Boolean.class);
            }
        }
    }
}
