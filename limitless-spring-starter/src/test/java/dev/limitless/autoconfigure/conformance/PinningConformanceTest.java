package dev.limitless.autoconfigure.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.pinning.PinningDetector;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;

/** docs/pinning.md and docs/metrics.md, on the auto-configured task tracker. */
@LimitlessPostgres(shards = 4)
class PinningConformanceTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void everyPinningExecutionIsCountedOnTheMeter() {
        TaskTracker.runner(database).run(context -> {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            jdbc.execute("SET work_mem = '64MB'");
            jdbc.execute("SET work_mem = '64MB'");
            assertThat(context.getBean(MeterRegistry.class).get("limitless.pinning.risks").tag("reason", "set")
                    .counter().count()).isEqualTo(2);
        });
    }

    @Test
    void theApplicationsOwnPinningStatementIsWarnedNamingItsCaller() {
        try (LogRecorder log = new LogRecorder(PinningDetector.class)) {
            TaskTracker.runner(database).run(context -> context.getBean(JdbcTemplate.class).execute("SET statement_timeout = '5s'"));
            assertThat(log.warnings()).singleElement().asString().contains("(set)").contains("SET statement_timeout")
                    .contains("called from " + getClass().getName());
        }
    }

    @Test
    void theLibrarysOwnDdlAndFlywaysInternalsAreNotReportedAsTheUsersPinningRisks() {
        try (TestDatabase fresh = PostgresServers.shared().createDatabase("pinning_ddl", 4);
             LogRecorder log = new LogRecorder(PinningDetector.class)) {
            TaskTracker.runner(fresh).run(context -> assertThat(context).hasNotFailed());
            assertThat(log.warnings()).as("limitless.ddl.mode=create").isEmpty();
        }
        try (TestDatabase fresh = PostgresServers.shared().createDatabase("pinning_flyway", 4);
             LogRecorder log = new LogRecorder(PinningDetector.class)) {
            TaskTracker.runner(fresh).withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                    .withPropertyValues("limitless.ddl.mode=validate", "spring.flyway.locations=classpath:db/tasktracker")
                    .run(context -> assertThat(context).hasNotFailed());
            assertThat(log.warnings()).as("Flyway's own statements").isEmpty();
        }
    }

    @Test
    void aDriverSettingWarningNamesTheSpringPropertyThatFixesIt() {
        try (LogRecorder log = new LogRecorder(PinningDetector.class)) {
            TaskTracker.runner(database).withPropertyValues("spring.datasource.hikari.data-source-properties.ApplicationName=")
                    .run(context -> assertThat(context).hasNotFailed());
            assertThat(log.warnings()).singleElement().asString().contains("ApplicationName")
                    .contains("spring.datasource.hikari.data-source-properties.ApplicationName");
        }
    }
}
