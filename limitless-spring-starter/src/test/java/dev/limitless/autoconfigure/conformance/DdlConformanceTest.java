package dev.limitless.autoconfigure.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.conformance.tasktracker.Label;
import dev.limitless.autoconfigure.conformance.tasktracker.LabelRepository;
import dev.limitless.autoconfigure.ddl.SchemaMismatchException;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** docs/ddl.md and the limitless.ddl.* rows of docs/starter.md, on the auto-configured task tracker. */
@LimitlessPostgres(shards = 4)
class DdlConformanceTest {

    @Test
    void createMakesEveryMappedEntitysTableInTheModeItIsDeclared() {
        try (TestDatabase fresh = PostgresServers.shared().createDatabase("ddl_all", 4)) {
            TaskTracker.runner(fresh).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(modes(fresh)).containsEntry("boards", "sharded").containsEntry("notes", "sharded");
                // the unannotated entity gets a standard table (Spring Data's name for it: label), usable at once
                assertThat(modes(fresh)).containsEntry("label", "standard");
                context.getBean(JdbcAggregateTemplate.class).insert(new Label("bug", "red"));
                assertThat(context.getBean(LabelRepository.class).findById("bug")).isPresent();
            });
            TaskTracker.runner(fresh).withPropertyValues("limitless.ddl.mode=validate")
                    .run(context -> assertThat(context).hasNotFailed());
        }
    }

    @Test
    void createCompletesAHalfCreatedSchema() {
        try (TestDatabase fresh = PostgresServers.shared().createDatabase("ddl_half", 4)) {
            new JdbcTemplate(fresh.dataSource()).execute("""
                    BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                    SET LOCAL rds_aurora.limitless_create_table_shard_key='{"board_id"}';
                    CREATE TABLE boards (board_id uuid PRIMARY KEY, name text, version bigint); COMMIT;
                    """);
            TaskTracker.runner(fresh).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(modes(fresh)).containsKeys("boards", "notes");
                assertThat(new JdbcTemplate(fresh.dataSource()).queryForObject(
                        "SELECT to_regclass('label') IS NOT NULL", Boolean.class)).isTrue();
            });
        }
    }

    @Test
    void validateAlsoFailsOnShardedTablesTheDeclarationsLack() {
        try (TestDatabase fresh = PostgresServers.shared().createDatabase("ddl_undeclared", 4)) {
            TaskTracker.runner(fresh).run(context -> assertThat(context).hasNotFailed());
            new JdbcTemplate(fresh.dataSource()).execute("""
                    BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='reference';
                    CREATE TABLE currencies (code text PRIMARY KEY); COMMIT;
                    """);
            TaskTracker.runner(fresh).withPropertyValues("limitless.ddl.mode=validate").run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(SchemaMismatchException.class)
                        .hasMessageContaining("public.currencies is reference in the database but not declared");
            });
        }
    }

    private static Map<String, String> modes(TestDatabase database) {
        Map<String, String> modes = new java.util.HashMap<>();
        new JdbcTemplate(database.dataSource()).query("SELECT table_name, table_type FROM rds_aurora.limitless_tables",
                rs -> {
                    modes.put(rs.getString(1), rs.getString(2));
                });
        return modes;
    }
}
