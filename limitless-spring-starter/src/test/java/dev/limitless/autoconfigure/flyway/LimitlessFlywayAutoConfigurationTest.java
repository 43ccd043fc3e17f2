package dev.limitless.autoconfigure.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import dev.limitless.flyway.LimitlessFlywayDatabaseType;
import java.time.Duration;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.extensibility.Plugin;
import org.flywaydb.core.internal.plugin.PluginRegister;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** Spring Boot applications migrating the local emulation, which refuses advisory locks as Aurora's routers do. */
class LimitlessFlywayAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
                    LimitlessFlywayAutoConfiguration.class))
            .withPropertyValues("spring.flyway.locations=classpath:db/limitless-flyway");

    /** Counts the migrations one application applies. */
    static final class AppliedMigrations implements Callback {
        final List<String> applied = new CopyOnWriteArrayList<>();

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            applied.add(context.getMigrationInfo().getVersion().getVersion());
        }

        @Override
        public String getCallbackName() {
            return "applied-migrations";
        }
    }

    @Test
    void anApplicationWithTwoMigrationsStartsTwiceAndTheSecondStartAppliesNothing() {
        try (TestDatabase database = PostgresServers.shared().createDatabase("boot_flyway_twice", 4)) {
            AppliedMigrations first = new AppliedMigrations();
            AppliedMigrations second = new AppliedMigrations();

            runner.withPropertyValues(datasource(database)).withBean(AppliedMigrations.class, () -> first)
                    .run(context -> assertThat(context).hasNotFailed());
            runner.withPropertyValues(datasource(database)).withBean(AppliedMigrations.class, () -> second)
                    .run(context -> assertThat(context).hasNotFailed());

            assertThat(first.applied).containsExactly("1", "2");
            assertThat(second.applied).isEmpty();
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            assertThat(jdbc.queryForList("SELECT table_name || ' ' || table_type FROM rds_aurora.limitless_tables"
                    + " WHERE table_type <> 'standard' ORDER BY 1", String.class))
                    .containsExactly("accounts sharded", "currencies reference");
        }
    }

    @Test
    void migrationsRunBelowTheGuardSoARefusingPinningPolicyDoesNotStopStartUp() {
        try (TestDatabase database = PostgresServers.shared().createDatabase("boot_flyway_guarded", 4)) {
            AppliedMigrations applied = new AppliedMigrations();
            runner.withConfiguration(AutoConfigurations.of(dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration.class,
                            dev.limitless.autoconfigure.guard.GuardAutoConfiguration.class))
                    .withPropertyValues(datasource(database))
                    .withPropertyValues("limitless.pinning.actions.set=refuse", "limitless.catalog.allow-empty=true")
                    .withBean(AppliedMigrations.class, () -> applied)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(javax.sql.DataSource.class)).isInstanceOf(dev.limitless.jdbc.GuardedDataSource.class);
                    });
            assertThat(applied.applied).containsExactly("1", "2");
        }
    }

    /** A migration that holds the first application inside Flyway's lock until the test lets it go. */
    static final class V3__Held extends BaseJavaMigration {
        private final CountDownLatch running;
        private final CountDownLatch release;
        private final AtomicInteger executions;

        V3__Held(CountDownLatch running, CountDownLatch release, AtomicInteger executions) {
            this.running = running;
            this.release = release;
            this.executions = executions;
        }

        @Override
        public void migrate(org.flywaydb.core.api.migration.Context context) throws Exception {
            executions.incrementAndGet();
            running.countDown();
            // a safety net against a hung build, not a timing assumption: the test releases the latch
            if (!release.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never released the first application's migration");
            }
        }
    }

    @Test
    void twoApplicationsStartingTogetherOneWaitsForTheOtherAndNeitherFails() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger executions = new AtomicInteger();
        AppliedMigrations first = new AppliedMigrations();
        AppliedMigrations second = new AppliedMigrations();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (TestDatabase database = PostgresServers.shared().createDatabase("boot_flyway_together", 4)) {
            CompletableFuture<Boolean> firstStart = CompletableFuture.supplyAsync(() -> start(database, first,
                    new V3__Held(firstRunning, release, executions)), executor);
            assertThat(firstRunning.await(2, TimeUnit.MINUTES)).isTrue();
            CompletableFuture<Boolean> secondStart = CompletableFuture.supplyAsync(() -> start(database, second,
                    new V3__Held(new CountDownLatch(1), new CountDownLatch(0), executions)), executor);

            // the second application waits on Flyway's lock row while the first one migrates
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    + " AND query LIKE '%flyway_schema_history_lock%FOR UPDATE%'", Integer.class) == 1);
            assertThat(secondStart).isNotDone();
            release.countDown();

            assertThat(firstStart.get(2, TimeUnit.MINUTES)).isTrue();
            assertThat(secondStart.get(2, TimeUnit.MINUTES)).isTrue();
            assertThat(first.applied).containsExactly("1", "2", "3");
            assertThat(second.applied).isEmpty();
            assertThat(executions).hasValue(1);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    private boolean start(TestDatabase database, AppliedMigrations applied, JavaMigration migration) {
        boolean[] started = new boolean[1];
        runner.withPropertyValues(datasource(database)).withBean(AppliedMigrations.class, () -> applied)
                .withBean(JavaMigration.class, () -> migration)
                .run(context -> started[0] = context.getStartupFailure() == null);
        return started[0];
    }

    @Test
    void aFailedMigrationStopsStartUpNamingTheMigrationAndAurorasError() {
        try (TestDatabase database = PostgresServers.shared().createDatabase("boot_flyway_failed", 4)) {
            runner.withPropertyValues(datasource(database))
                    .withPropertyValues("spring.flyway.locations=classpath:db/limitless-flyway,classpath:db/limitless-flyway-failing")
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure()).rootCause()
                                .hasMessageContaining("acquiring pg_advisory_lock is not supported in limitless database");
                        assertThat(context.getStartupFailure()).hasStackTraceContaining("V3__advisory_lock.sql");
                    });
            // the two good migrations stay applied, the failed one left nothing behind
            assertThat(new JdbcTemplate(database.dataSource()).queryForList(
                    "SELECT version FROM flyway_schema_history ORDER BY installed_rank", String.class))
                    .containsExactly("1", "2");
        }
    }

    /**
     * What Flyway sees in a repackaged jar that kept Flyway's plugin entries but lost limitless-core's. Flyway reads
     * its plugins with its own class loader, so a test can only leave ours out at the register.
     */
    static final class RegisterWithoutLimitlessType extends PluginRegister {
        @Override
        public <T extends Plugin> List<T> getInstancesOf(Class<T> type) {
            return super.getInstancesOf(type).stream().filter(plugin -> !(plugin instanceof LimitlessFlywayDatabaseType)).toList();
        }

        @Override
        public PluginRegister getCopy() {
            return new RegisterWithoutLimitlessType();
        }
    }

    @Test
    void withoutLimitlessDatabaseTypeALimitlessDatabaseIsRefusedBeforeFlywayTakesAnAdvisoryLock() {
        try (TestDatabase limitless = PostgresServers.shared().createDatabase("boot_flyway_unregistered", 4);
             TestDatabase plain = PostgresServers.shared().createDatabase("boot_flyway_unregistered_plain", 0)) {
            ClassicConfiguration configuration = new ClassicConfiguration();
            configuration.setDataSource(limitless.dataSource());
            configuration.setPluginRegister(new RegisterWithoutLimitlessType());

            assertThatThrownBy(() -> LimitlessFlywayAutoConfiguration.requireLimitlessDatabaseType(configuration))
                    .isInstanceOfSatisfying(LimitlessFlywayUnavailableException.class, failure -> {
                        FailureAnalysis analysis = new LimitlessFlywayFailureAnalyzer().analyze(failure);
                        assertThat(analysis.getDescription()).contains("advisory lock", "rds_aurora.limitless_tables");
                        assertThat(analysis.getAction()).contains("flyway-database-postgresql", "ServicesResourceTransformer");
                    });

            configuration.setDataSource(plain.dataSource());
            LimitlessFlywayAutoConfiguration.requireLimitlessDatabaseType(configuration);
            ClassicConfiguration registered = new ClassicConfiguration();
            registered.setDataSource(limitless.dataSource());
            LimitlessFlywayAutoConfiguration.requireLimitlessDatabaseType(registered);
        }
    }

    @Test
    void theCheckIsPartOfTheAutoConfiguredFlyway() {
        runner.withPropertyValues("spring.flyway.enabled=false", "spring.datasource.url=jdbc:postgresql://localhost/unused")
                .run(context -> assertThat(context).hasBean("limitlessFlywayDatabaseTypeCheck"));
    }

    @Test
    void aPlainPostgresqlKeepsFlywaysOwnPostgresqlSupport() {
        try (TestDatabase database = PostgresServers.shared().createDatabase("boot_flyway_plain", 0)) {
            runner.withPropertyValues(datasource(database)).withPropertyValues("spring.flyway.locations=classpath:db/plain-flyway")
                    .run(context -> assertThat(context).hasNotFailed());
            // Flyway locked with its advisory lock: no lock table of limitless' database type
            assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                    "SELECT to_regclass('flyway_schema_history_lock') IS NULL AND to_regclass('notes') IS NOT NULL", Boolean.class))
                    .isTrue();
        }
    }

    static String[] datasource(TestDatabase database) {
        return new String[] {"spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                "spring.datasource.password=" + database.password()};
    }
}
