package dev.limitless.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway on the local emulation, which refuses advisory locks as Aurora's routers do. */
class LimitlessFlywayDatabaseTypeTest {

    static final String V1 = """
            BEGIN;
            SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';
            SET LOCAL rds_aurora.limitless_create_table_shard_key = '{"account_id"}';
            CREATE TABLE accounts (account_id uuid PRIMARY KEY, owner text NOT NULL);
            COMMIT;
            """;
    static final String V2 = "ALTER TABLE accounts ADD COLUMN opened_on date;\n";

    @TempDir
    Path migrations;

    @Test
    void firstRunAppliesBothMigrationsAndSecondRunAppliesNothing() throws IOException, SQLException {
        Files.writeString(migrations.resolve("V1__accounts.sql"), V1);
        Files.writeString(migrations.resolve("V2__opened_on.sql"), V2);
        try (TestDatabase database = PostgresServers.shared().createDatabase("flyway_twice", 4)) {
            MigrateResult first = flyway(database).migrate();
            MigrateResult second = flyway(database).migrate();

            assertThat(first.databaseType).isEqualTo("Aurora PostgreSQL Limitless");
            assertThat(first.migrationsExecuted).isEqualTo(2);
            assertThat(second.success).isTrue();
            assertThat(second.migrationsExecuted).isZero();
            assertThat(rows(database, "SELECT version || ' ' || success FROM flyway_schema_history ORDER BY installed_rank"))
                    .containsExactly("1 true", "2 true");
            assertThat(rows(database, "SELECT table_type FROM rds_aurora.limitless_tables WHERE table_name = 'accounts'"))
                    .containsExactly("sharded");
            assertThat(rows(database, "SELECT lock_id FROM flyway_schema_history_lock")).containsExactly("1");
        }
    }

    @Test
    void aFailedMigrationIsReportedAndReleasesTheLock() throws IOException, SQLException {
        Files.writeString(migrations.resolve("V1__accounts.sql"), V1);
        // a migration that relies on an advisory lock fails on Limitless, and the emulation says so as Aurora does
        Files.writeString(migrations.resolve("V2__locked.sql"), "SELECT pg_advisory_xact_lock(42);\n" + V2);
        try (TestDatabase database = PostgresServers.shared().createDatabase("flyway_failed", 4)) {
            assertThatThrownBy(() -> flyway(database).migrate())
                    .isInstanceOf(FlywayException.class)
                    .hasMessageContaining("V2__locked.sql")
                    .hasMessageContaining("acquiring pg_advisory_lock is not supported in limitless database");
            assertThat(rows(database, "SELECT version || ' ' || success FROM flyway_schema_history ORDER BY installed_rank"))
                    .containsExactly("1 true");

            // the fixed migration applies: nothing still holds the lock row
            Files.writeString(migrations.resolve("V2__locked.sql"), V2);
            MigrateResult fixed = flyway(database).migrate();
            assertThat(fixed.migrationsExecuted).isEqualTo(1);
        }
    }

    /** Blocks the first application inside its migration until the test releases it. */
    static final class V1__Held extends BaseJavaMigration {
        private final CountDownLatch running;
        private final CountDownLatch release;
        private final AtomicInteger executions;

        V1__Held(CountDownLatch running, CountDownLatch release, AtomicInteger executions) {
            this.running = running;
            this.release = release;
            this.executions = executions;
        }

        @Override
        public void migrate(Context context) throws Exception {
            executions.incrementAndGet();
            try (Statement statement = context.getConnection().createStatement()) {
                statement.execute(V1);
            }
            running.countDown();
            // a safety net against a hung build, not a timing assumption: the test releases the latch
            if (!release.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never released the first migration");
            }
        }
    }

    @Test
    void twoApplicationsStartingTogetherOneWaitsAndNeitherFails() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger executions = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (TestDatabase database = PostgresServers.shared().createDatabase("flyway_concurrent", 4)) {
            CompletableFuture<MigrateResult> first = CompletableFuture.supplyAsync(() -> javaFlyway(database,
                    new V1__Held(firstRunning, release, executions)).migrate(), executor);
            assertThat(firstRunning.await(2, TimeUnit.MINUTES)).isTrue();

            CompletableFuture<MigrateResult> second = CompletableFuture.supplyAsync(() -> javaFlyway(database,
                    new V1__Held(new CountDownLatch(1), new CountDownLatch(0), executions)).migrate(), executor);
            // the second application is blocked on the lock row while the first one migrates
            await().atMost(Duration.ofMinutes(2)).until(() -> rows(database, "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    + " AND query LIKE '%flyway_schema_history_lock%FOR UPDATE%'").equals(List.of("1")));
            assertThat(second).isNotDone();
            release.countDown();

            assertThat(first.get(2, TimeUnit.MINUTES).migrationsExecuted).isEqualTo(1);
            MigrateResult waited = second.get(2, TimeUnit.MINUTES);
            assertThat(waited.success).isTrue();
            assertThat(waited.migrationsExecuted).isZero();
            assertThat(executions).hasValue(1);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void recognisesAHistoryTablePresentedAsAForeignTable() throws IOException, SQLException {
        Files.writeString(migrations.resolve("V1__accounts.sql"), V1);
        try (TestDatabase database = PostgresServers.shared().createDatabase("flyway_foreign", 4)) {
            flyway(database).migrate();
            // what Aurora's routers show: every table, the history and lock tables too, as a foreign table
            execute(database, "CALL rds_aurora.limitless_local_present_as_foreign_tables()");
            assertThat(rows(database, "SELECT relname || ' ' || relkind::text FROM pg_class WHERE relnamespace = 'public'::regnamespace"
                    + " AND relkind IN ('r', 'p', 'f') ORDER BY 1"))
                    .containsExactly("accounts f", "flyway_schema_history f", "flyway_schema_history_lock f");

            Files.writeString(migrations.resolve("V2__audit_log.sql"), "CREATE TABLE audit_log (id bigint PRIMARY KEY, note text);\n");
            MigrateResult second = flyway(database).migrate();
            MigrateResult third = flyway(database).migrate();

            assertThat(second.migrationsExecuted).isEqualTo(1);
            assertThat(third.migrationsExecuted).isZero();
            assertThat(rows(database, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
                    .containsExactly("1", "2");
        }
    }

    private Flyway flyway(TestDatabase database) {
        return Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("filesystem:" + migrations).load();
    }

    static Flyway javaFlyway(TestDatabase database, BaseJavaMigration migration) {
        return Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .javaMigrations(migration).locations(new String[0]).load();
    }

    static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static List<String> rows(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
