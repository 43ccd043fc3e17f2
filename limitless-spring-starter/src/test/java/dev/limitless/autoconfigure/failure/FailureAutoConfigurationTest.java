package dev.limitless.autoconfigure.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.autoconfigure.LedgerSchema;
import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardRefusalException;
import dev.limitless.autoconfigure.lambda.LambdaAutoConfiguration;
import dev.limitless.autoconfigure.lambda.LambdaInvocations;
import dev.limitless.failure.FailureCause;
import dev.limitless.failure.IdempotencyKey;
import dev.limitless.failure.Idempotent;
import dev.limitless.failure.InvocationRetries;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
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
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transient failures through an auto-configured application: real PostgreSQL, HikariCP, JdbcTemplate, Spring's
 * transaction interceptor. Deadlocks, serialization failures and terminated backends are provoked for real.
 */
@LimitlessPostgres(shards = 4)
class FailureAutoConfigurationTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    CatalogAutoConfiguration.class, GuardAutoConfiguration.class, FailureAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                    AopAutoConfiguration.class,
                    org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                    "spring.datasource.password=" + database.password(),
                    "limitless.catalog.file=classpath:catalogs/ledger.yaml", "limitless.retry.delay=10ms",
                    "limitless.retry.jitter=5ms")
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withUserConfiguration(UnitsConfiguration.class);

    @BeforeAll
    static void schema() {
        LedgerSchema.create(database);
        new JdbcTemplate(database.dataSource()).execute("CREATE TABLE IF NOT EXISTS bookings (booking_key text PRIMARY KEY,"
                + " amount int NOT NULL)");
    }

    @Test
    void aDeadlockBetweenTwoUnitsOfWorkIsRetriedAndBothSucceed() {
        runner.run(context -> {
            Units units = context.getBean(Units.class);
            UUID first = account(context.getBean(JdbcTemplate.class));
            UUID second = account(context.getBean(JdbcTemplate.class));
            CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(2);
            AtomicInteger attemptsOne = new AtomicInteger();
            AtomicInteger attemptsTwo = new AtomicInteger();
            CompletableFuture<Void> one = CompletableFuture.runAsync(
                    () -> units.touchBoth(first, second, bothHoldTheirFirstLock, attemptsOne));
            CompletableFuture<Void> two = CompletableFuture.runAsync(
                    () -> units.touchBoth(second, first, bothHoldTheirFirstLock, attemptsTwo));
            CompletableFuture.allOf(one, two).get(60, TimeUnit.SECONDS);

            assertThat(attemptsOne.get() + attemptsTwo.get()).as("one of the two ran again").isEqualTo(3);
            assertThat(retries(context.getBean(MeterRegistry.class), "success_after_retry", "deadlock")).isEqualTo(1);
        });
    }

    @Test
    void aPermanentFailureIsNeverRetried() {
        runner.run(context -> {
            Units units = context.getBean(Units.class);
            AtomicInteger attempts = new AtomicInteger();
            String key = UUID.randomUUID().toString();
            units.book(key, attempts);
            assertThatThrownBy(() -> units.bookTwiceInOneUnit(key, attempts)).isInstanceOf(DuplicateKeyException.class)
                    .rootCause().isInstanceOf(SQLException.class)
                    .satisfies(root -> assertThat(((SQLException) root).getSQLState()).isEqualTo("23505"));
            assertThat(attempts.get()).isEqualTo(2);
            assertThat(retries(context.getBean(MeterRegistry.class), "not_retryable", "constraint_violation")).isEqualTo(1);

            AtomicInteger refused = new AtomicInteger();
            assertThatThrownBy(() -> units.scatter(refused)).isInstanceOf(GuardRefusalException.class);
            assertThat(refused.get()).isEqualTo(1);
            assertThat(retries(context.getBean(MeterRegistry.class), "not_retryable", "refused_by_guard")).isEqualTo(1);
        });
    }

    @Test
    void aUnitWhoseConnectionIsTerminatedMidTransactionRunsAgainOnANewConnection() {
        runner.run(context -> {
            Units units = context.getBean(Units.class);
            AtomicInteger attempts = new AtomicInteger();
            String key = UUID.randomUUID().toString();
            units.bookAfterTermination(key, attempts);
            assertThat(attempts.get()).isEqualTo(2);
            assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                    "SELECT count(*) FROM bookings WHERE booking_key = ?", Integer.class, key)).isEqualTo(1);
            assertThat(retries(context.getBean(MeterRegistry.class), "success_after_retry", "admin_shutdown")
                    + retries(context.getBean(MeterRegistry.class), "success_after_retry", "connection_lost")).isEqualTo(1);
        });
    }

    @Test
    void withoutAKeyTheUnitIsNotRetriedAndTheTerminationIsTransientNotARollbackFailure() {
        runner.run(context -> {
            Units units = context.getBean(Units.class);
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> units.bookWithOptionalKey(null, attempts))
                    .isInstanceOf(TransientDataAccessResourceException.class)
                    .isNotInstanceOf(TransactionSystemException.class)
                    .hasMessageContaining("terminating connection due to administrator command")
                    .hasMessageContaining("[SQLState ")
                    .rootCause().isInstanceOf(SQLException.class)
                    .satisfies(root -> assertThat(((SQLException) root).getSQLState()).isIn("57P01", "08006"));
            assertThat(attempts.get()).isEqualTo(1);

            String key = UUID.randomUUID().toString();
            units.bookWithOptionalKey(key, attempts);
            assertThat(attempts.get()).isEqualTo(3);
        });
    }

    @Test
    void aCommitOnALostConnectionIsATransientOutcomeUnknown() {
        runner.run(context -> {
            TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO bookings VALUES (?, 1)", UUID.randomUUID().toString());
                terminateOwnBackend(jdbc);
            })).isInstanceOf(TransientDataAccessException.class).isNotInstanceOf(TransactionSystemException.class);
        });
    }

    @Test
    void deadlocksSerializationFailuresAndTimeoutsTranslateToTransientTypes() {
        runner.run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThatThrownBy(() -> jdbc.execute(ALLOW + "DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40P01'; END $$"))
                    .isInstanceOf(CannotAcquireLockException.class);
            assertThatThrownBy(() -> jdbc.execute(ALLOW + "DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40001'; END $$"))
                    .isInstanceOf(PessimisticLockingFailureException.class);
            assertThatThrownBy(() -> jdbc.execute(ALLOW + "DO $$ BEGIN RAISE EXCEPTION"
                    + " 'aborting transaction participating in a distributed deadlock' USING ERRCODE = 'XX000'; END $$"))
                    .isInstanceOf(CannotAcquireLockException.class).hasMessageContaining("distributed_deadlock");
            TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                jdbc.execute("SET LOCAL statement_timeout = '50ms'");
                jdbc.execute("SELECT pg_sleep(5)");
            })).isInstanceOf(QueryTimeoutException.class);
        });
    }

    @Test
    void aRealSerializationFailureIsRetried() {
        runner.run(context -> {
            Units units = context.getBean(Units.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            String key = UUID.randomUUID().toString();
            jdbc.update("INSERT INTO bookings VALUES (?, 0)", key);
            AtomicInteger attempts = new AtomicInteger();
            units.incrementWithConcurrentUpdate(key, attempts);
            assertThat(attempts.get()).isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT amount FROM bookings WHERE booking_key = ?", Integer.class, key))
                    .as("the concurrent +100 and this unit's +1, once").isEqualTo(101);
            assertThat(retries(context.getBean(MeterRegistry.class), "success_after_retry", "serialization_failure"))
                    .isEqualTo(1);
        });
    }

    @Test
    void insideARunningTransactionTheUnitIsNotRetriedOnItsOwn() {
        runner.run(context -> {
            Units units = context.getBean(Units.class);
            TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> transaction.executeWithoutResult(
                    status -> units.bookAfterTermination(UUID.randomUUID().toString(), attempts)))
                    .isInstanceOf(TransientDataAccessException.class);
            assertThat(attempts.get()).isEqualTo(1);
        });
    }

    @Test
    void theTransactionManagerTranslatesAndBacksOff() {
        runner.run(context -> assertThat(context.getBean(PlatformTransactionManager.class))
                .isInstanceOf(LimitlessTransactionManager.class));
        runner.withBean("transactionManager", PlatformTransactionManager.class,
                        () -> new DataSourceTransactionManager(database.dataSource()))
                .run(context -> assertThat(context.getBean(PlatformTransactionManager.class))
                        .isNotInstanceOf(JdbcTransactionManager.class));
    }

    @Test
    void withTheGuardSwitchedOffTransientFailuresAreStillTranslated() {
        runner.withPropertyValues("limitless.guard.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(org.springframework.jdbc.support.SQLExceptionTranslator.class);
            assertThatThrownBy(() -> context.getBean(JdbcTemplate.class)
                    .execute("DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40P01'; END $$"))
                    .isInstanceOf(CannotAcquireLockException.class);
        });
    }

    @Test
    void switchedOffNothingIsRetried() {
        runner.withPropertyValues("limitless.retry.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean("limitlessIdempotentRetryAdvisor");
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> context.getBean(Units.class).bookAfterTermination(UUID.randomUUID().toString(), attempts))
                    .isInstanceOf(TransientDataAccessException.class);
            assertThat(attempts.get()).isEqualTo(1);
        });
    }

    @Test
    void aLambdaInvocationReportsWhatItRetried() {
        runner.withConfiguration(AutoConfigurations.of(LambdaAutoConfiguration.class))
                .withPropertyValues("AWS_LAMBDA_FUNCTION_NAME=ledger").run(context -> {
                    LambdaInvocations invocations = context.getBean(LambdaInvocations.class);
                    invocations.begin();
                    context.getBean(Units.class).bookAfterTermination(UUID.randomUUID().toString(), new AtomicInteger());
                    InvocationRetries.Report report = invocations.end("request-1");
                    assertThat(report.retried()).isTrue();
                    assertThat(report.retries()).isEqualTo(1);
                    assertThat(report.unitsFailed()).isZero();
                    assertThat(report.causes()).containsAnyOf(FailureCause.ADMIN_SHUTDOWN, FailureCause.CONNECTION_LOST);

                    invocations.begin();
                    context.getBean(Units.class).book(UUID.randomUUID().toString(), new AtomicInteger());
                    assertThat(invocations.end("request-2").retried()).as("counting starts again per invocation").isFalse();
                });
    }

    @Test
    void springsOwnRetryableRetriesTransientFailuresWithThePredicate() {
        runner.withUserConfiguration(SpringRetryConfiguration.class).run(context -> {
            SpringRetried units = context.getBean(SpringRetried.class);
            AtomicInteger attempts = new AtomicInteger();
            String key = UUID.randomUUID().toString();
            units.bookAfterTermination(key, attempts);
            assertThat(attempts.get()).isEqualTo(2);
            assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                    "SELECT count(*) FROM bookings WHERE booking_key = ?", Integer.class, key)).isEqualTo(1);

            AtomicInteger permanent = new AtomicInteger();
            assertThatThrownBy(() -> units.insertTwice(key, permanent)).isInstanceOf(DuplicateKeyException.class);
            assertThat(permanent.get()).isEqualTo(1);
        });
    }

    @Test
    void badSettingsStopStartUpNamingTheProperty() {
        runner.withPropertyValues("limitless.retry.max-attempts=0").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("limitless.retry.max-attempts"));
        runner.withPropertyValues("limitless.retry.budget.burst=0").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("limitless.retry.budget"));
    }

    /** The guard cannot see into a DO block: these are deliberate. */
    private static final String ALLOW = "/* limitless:allow-scatter */ ";

    private static double retries(MeterRegistry registry, String outcome, String cause) {
        return registry.get("limitless.retries").tag("outcome", outcome).tag("cause", cause).counter().count();
    }

    private static UUID account(JdbcTemplate jdbc) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO accounts (account_id, owner) VALUES (?, 'deadlock')", id);
        return id;
    }

    static void terminateOwnBackend(JdbcTemplate jdbc) {
        int pid = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
        try (Connection admin = database.connect();
             PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
            terminate.setInt(1, pid);
            try (ResultSet done = terminate.executeQuery()) {
                done.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableResilientMethods
    static class SpringRetryConfiguration {
        @Bean
        SpringRetried springRetried(JdbcTemplate jdbc) {
            return new SpringRetried(jdbc);
        }
    }

    /** Units retried by Spring Framework's {@code @Retryable} with limitless' classification. */
    public static class SpringRetried {
        private final JdbcTemplate jdbc;

        public SpringRetried(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Retryable(predicate = TransientFailurePredicate.class, maxRetries = 3, delay = 10)
        @Transactional
        public void bookAfterTermination(String key, AtomicInteger attempts) {
            int attempt = attempts.incrementAndGet();
            jdbc.update("INSERT INTO bookings VALUES (?, 1) ON CONFLICT DO NOTHING", key);
            if (attempt == 1) {
                terminateOwnBackend(jdbc);
                jdbc.queryForObject("SELECT 1", Integer.class);
            }
        }

        @Retryable(predicate = TransientFailurePredicate.class, maxRetries = 3, delay = 10)
        @Transactional
        public void insertTwice(String key, AtomicInteger attempts) {
            attempts.incrementAndGet();
            jdbc.update("INSERT INTO bookings VALUES (?, 1)", key);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UnitsConfiguration {
        @Bean
        Units units(JdbcTemplate jdbc) {
            return new Units(jdbc);
        }
    }

    /** Units of work of an application: public, transactional, some idempotent. */
    public static class Units {
        private final JdbcTemplate jdbc;

        public Units(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** Locks {@code first}, waits until the other unit holds its first lock, then locks {@code second}. */
        @Idempotent
        @Transactional
        public void touchBoth(UUID first, UUID second, CyclicBarrier bothLocked, AtomicInteger attempts) {
            int attempt = attempts.incrementAndGet();
            jdbc.update("UPDATE accounts SET owner = owner WHERE account_id = ?", first);
            if (attempt == 1) {
                try {
                    bothLocked.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            jdbc.update("UPDATE accounts SET owner = owner WHERE account_id = ?", second);
        }

        @Idempotent
        @Transactional
        public void book(String key, AtomicInteger attempts) {
            attempts.incrementAndGet();
            jdbc.update("INSERT INTO bookings VALUES (?, 1)", key);
        }

        /** Declared idempotent, but fails on a constraint: that is permanent. */
        @Idempotent
        @Transactional
        public void bookTwiceInOneUnit(String key, AtomicInteger attempts) {
            attempts.incrementAndGet();
            jdbc.update("INSERT INTO bookings VALUES (?, 1)", key);
        }

        @Idempotent
        @Transactional
        public void scatter(AtomicInteger attempts) {
            attempts.incrementAndGet();
            jdbc.queryForObject("SELECT count(*) FROM accounts", Integer.class);
        }

        /** The first attempt loses its connection after its insert (as a terminated backend or replaced router would). */
        @Idempotent
        @Transactional
        public void bookAfterTermination(String key, AtomicInteger attempts) {
            int attempt = attempts.incrementAndGet();
            jdbc.update("INSERT INTO bookings VALUES (?, 1) ON CONFLICT DO NOTHING", key);
            if (attempt == 1) {
                terminateOwnBackend(jdbc);
                jdbc.queryForObject("SELECT 1", Integer.class);
            }
        }

        /** Idempotent only with a key: the first two attempts lose their connection. */
        @Transactional
        public void bookWithOptionalKey(@IdempotencyKey String key, AtomicInteger attempts) {
            int attempt = attempts.incrementAndGet();
            if (key != null) {
                jdbc.update("INSERT INTO bookings VALUES (?, 1) ON CONFLICT DO NOTHING", key);
            }
            if (attempt <= 2) {
                terminateOwnBackend(jdbc);
                jdbc.queryForObject("SELECT 1", Integer.class);
            }
        }

        /**
         * Under REPEATABLE READ, reads the row, lets another session add 100 and commit (first attempt only), then
         * adds 1: PostgreSQL refuses with 40001 and the retry adds 1 to the new value.
         */
        @Idempotent
        @Transactional(isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
        public void incrementWithConcurrentUpdate(String key, AtomicInteger attempts) {
            int attempt = attempts.incrementAndGet();
            jdbc.queryForObject("SELECT amount FROM bookings WHERE booking_key = ?", Integer.class, key);
            if (attempt == 1) {
                new JdbcTemplate(database.dataSource()).update("UPDATE bookings SET amount = amount + 100 WHERE booking_key = ?", key);
            }
            jdbc.update("UPDATE bookings SET amount = amount + 1 WHERE booking_key = ?", key);
        }
    }
}
