package dev.limitless.autoconfigure.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.actuate.LimitlessHealthIndicator;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;

/** The health contributor of docs/starter.md (Actuator), on the auto-configured task tracker. */
@LimitlessPostgres(shards = 4)
class HealthConformanceTest {

    @Test
    void upWhenTheCatalogsAgreeDownOnAMismatchEitherWayUnlessConfigured() {
        try (TestDatabase fresh = PostgresServers.shared().createDatabase("health_mismatch", 4)) {
            TaskTracker.runner(fresh).run(context -> {
                Health health = context.getBean(LimitlessHealthIndicator.class).health(true);
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(details(health)).containsEntry("catalog", "consistent");
            });
            new JdbcTemplate(fresh.dataSource()).execute("""
                    BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='reference';
                    CREATE TABLE currencies (code text PRIMARY KEY); COMMIT;
                    """);
            TaskTracker.runner(fresh).run(context -> {
                Health health = context.getBean(LimitlessHealthIndicator.class).health(true);
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(details(health).get("catalog")).asString().contains("public.currencies is reference in the database");
            });
            TaskTracker.runner(fresh).withPropertyValues("limitless.ddl.mismatch-health-status=out_of_service").run(context ->
                    assertThat(context.getBean(LimitlessHealthIndicator.class).health(true).getStatus())
                            .isEqualTo(Status.OUT_OF_SERVICE));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Health health) {
        return (Map<String, Object>) health.getDetails().get("dataSource");
    }
}
