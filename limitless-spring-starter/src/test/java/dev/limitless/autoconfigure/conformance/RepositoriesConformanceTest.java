package dev.limitless.autoconfigure.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.conformance.scatterquery.BoardSearch;
import dev.limitless.autoconfigure.conformance.scatterquery.ScatterQueryApplication;
import dev.limitless.autoconfigure.conformance.tasktracker.Board;
import dev.limitless.autoconfigure.conformance.tasktracker.BoardAdminRepository;
import dev.limitless.autoconfigure.conformance.tasktracker.BoardReport;
import dev.limitless.autoconfigure.conformance.tasktracker.BoardRepository;
import dev.limitless.autoconfigure.conformance.tasktracker.Note;
import dev.limitless.autoconfigure.conformance.tasktracker.NoteRepository;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.Route;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import dev.limitless.repository.UnscopedRepositoryMethodsException;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** docs/repositories.md, on the auto-configured task tracker. */
@LimitlessPostgres(shards = 4)
class RepositoriesConformanceTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void aScatterQueryStopsStartUpByDefaultAndStartsUnderTheWarnPolicy() {
        TaskTracker.runner(database).withUserConfiguration(ScatterQueryApplication.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(UnscopedRepositoryMethodsException.class)
                    .hasMessageContaining("BoardSearch.byName(String)");
        });
        TaskTracker.runner(database).withUserConfiguration(ScatterQueryApplication.class)
                .withPropertyValues("limitless.guard.scatter=warn").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(BoardSearch.class).byName("roadmap")).isEmpty();
                });
    }

    @Test
    void repositoriesUseTheApplicationCatalogIncludingTheCatalogFile() {
        // the schema comes from the migration script here, so that only the repositories' catalog is under test
        try (TestDatabase migrated = PostgresServers.shared().createDatabase("repositories_catalog", 4)) {
            new JdbcTemplate(migrated.dataSource()).execute(TaskTracker.migration());
            TaskTracker.runner(migrated).withPropertyValues("limitless.ddl.mode=none").run(context -> {
                assertThat(context).hasNotFailed();
                UUID board = UUID.randomUUID();
                context.getBean(JdbcAggregateTemplate.class).insert(new Note(board, "kick-off", null));
                assertThat(context.getBean(NoteRepository.class).countByShardKey(board)).isEqualTo(1);
            });
        }
    }

    @Test
    void aGuardBeanOfTheApplicationsOwnIsUsedByTheDataSourceAndTheRepositoryCheck() {
        ShardScopeGuard own = ShardScopeGuard.builder(ShardCatalog.empty())
                .policy(Policy.defaults(Route.class).with(Route.SCATTER, PolicyAction.WARN)).build();
        TaskTracker.runner(database).withUserConfiguration(ScatterQueryApplication.class)
                .withBean(ShardScopeGuard.class, () -> own)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DataSource.class).unwrap(GuardedDataSource.class).guard()).isSameAs(own);
                });
    }

    @Test
    void allowScatterOnARepositoryTypeIsCountedAndOnAServiceTypeLetsItsStatementsThrough() {
        TaskTracker.runner(database).run(context -> {
            context.getBean(BoardRepository.class).save(new Board(UUID.randomUUID(), "roadmap", null));
            assertThat(context.getBean(BoardAdminRepository.class).findAll()).isNotEmpty();
            assertThat(context.getBean(BoardAdminRepository.class).findAll()).isNotEmpty();
            assertThat(context.getBean(MeterRegistry.class).get("limitless.repository.scatter.allowed")
                    .tag("repository", "BoardAdminRepository").tag("method", "findAll").counter().count()).isEqualTo(2);
            assertThat(context.getBean(BoardReport.class).names()).contains("roadmap");
        });
    }
}
