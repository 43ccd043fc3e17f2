package dev.limitless.autoconfigure.activekey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.guard.AllowScatterAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.autoconfigure.repository.RepositoryAutoConfiguration;
import dev.limitless.catalog.ShardKey;
import dev.limitless.catalog.ShardedTable;
import dev.limitless.guard.ActiveShardKeyException;
import dev.limitless.guard.ScatterRefusedException;
import dev.limitless.guard.ShardScope;
import dev.limitless.guard.ShardScoped;
import dev.limitless.repository.ShardedRepository;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The active shard key through the auto-configured starter: {@code @ShardScoped} repository queries and services on
 * the Limitless topology (a local emulation reached by an ordinary role, as on Aurora), and the start-up refusal on
 * the proxy topology.
 */
@LimitlessPostgres(shards = 4)
class ActiveShardKeyAutoConfigurationTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private ApplicationContextRunner runner(String topology) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                        JdbcClientAutoConfiguration.class, DataJdbcRepositoriesAutoConfiguration.class, AopAutoConfiguration.class,
                        CatalogAutoConfiguration.class, GuardAutoConfiguration.class, AllowScatterAutoConfiguration.class,
                        RepositoryAutoConfiguration.class, ActiveShardKeyAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=ak_starter",
                        "spring.datasource.password=ak_starter", "spring.datasource.hikari.maximum-pool-size=1",
                        "limitless.catalog.entity-packages=dev.limitless.autoconfigure.activekey",
                        "limitless.topology=" + topology)
                .withUserConfiguration(Repositories.class)
                .withBean(ProjectService.class);
    }

    @BeforeAll
    static void schema() {
        JdbcTemplate admin = new JdbcTemplate(database.dataSource());
        admin.execute("""
                BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                SET LOCAL rds_aurora.limitless_create_table_shard_key='{"tenant_id"}';
                CREATE TABLE projects (tenant_id bigint, project_id bigint, name text NOT NULL, status text NOT NULL,
                    version bigint, PRIMARY KEY (tenant_id, project_id)); COMMIT;
                BEGIN; SET LOCAL rds_aurora.limitless_create_table_mode='sharded';
                SET LOCAL rds_aurora.limitless_create_table_shard_key='{"device_id"}';
                CREATE TABLE devices (device_id bigint PRIMARY KEY, project_id bigint); COMMIT;
                """);
        admin.execute("INSERT INTO projects VALUES (1, 1, 'apollo', 'open', 0), (1, 2, 'gemini', 'closed', 0),"
                + " (2, 3, 'mercury', 'open', 0), (3, 4, 'vostok', 'open', 0)");
        admin.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ak_starter') THEN"
                + " CREATE ROLE ak_starter LOGIN PASSWORD 'ak_starter'; END IF; END $$");
        admin.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON projects, devices TO ak_starter");
    }

    @Test
    void scopedRepositoryQueriesWithoutKeyPredicatesPassTheGuardAndReadOneTenant() {
        runner("limitless").run(context -> {
            assertThat(context).hasNotFailed();
            ProjectService service = context.getBean(ProjectService.class);
            ProjectRepository projects = context.getBean(ProjectRepository.class);
            assertThat(service.openProjects(1L)).containsExactly("apollo");
            assertThat(service.openProjects(2L)).containsExactly("mercury");
            assertThat(service.countWithJdbcClient(1L)).isEqualTo(2L);
            try (ShardScope scope = ShardScope.forKey(3L)) {
                assertThat(projects.findByStatus("open")).extracting(project -> project.name).containsExactly("vostok");
            }
            assertThatThrownBy(() -> projects.findByStatus("open")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ProjectRepository.findByStatus").hasMessageContaining("ShardScope.forKey");
            assertThatThrownBy(() -> service.countWithoutScope())
                    .hasRootCauseInstanceOf(ScatterRefusedException.class);
            assertThatThrownBy(() -> service.joinAcrossGroups(1L))
                    .hasRootCauseInstanceOf(ActiveShardKeyException.class);
            // nothing of the scopes is left on the pooled connection (pool of one)
            assertThat(context.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT coalesce(current_setting('rds_aurora.limitless_active_shard_key', true), '')", String.class)).isEmpty();
        });
    }

    @Test
    void aScopedTransactionOmitsTheKeyInEveryStatement() {
        runner("limitless").run(context -> {
            ProjectService service = context.getBean(ProjectService.class);
            assertThat(service.openAndRename(4L, 90L, "zond")).isEqualTo(List.of("zond"));
            assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                    "SELECT tenant_id FROM projects WHERE project_id = 90", Long.class)).isEqualTo(4L);
        });
    }

    @Test
    void refusedAtStartUpOnTheProxyTopology() {
        runner("proxy").run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure())).isInstanceOf(ActiveShardKeyTopologyException.class);
            ActiveShardKeyTopologyException cause = (ActiveShardKeyTopologyException) rootCause(context.getStartupFailure());
            assertThat(cause.getMessage()).contains("ProjectService").contains("ProjectRepository").contains("pins");
            FailureAnalysis analysis = new ActiveShardKeyTopologyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getAction()).contains("limitless.topology=limitless");
        });
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    record ProjectId(@ShardKey long tenantId, long projectId) {
    }

    @Table("projects")
    @ShardedTable
    static final class Project {
        @Id
        ProjectId id;
        String name;
        String status;
        @Version
        Long version;
    }

    @Table("devices")
    @ShardedTable(shardKey = "device_id")
    record Device(@Id long deviceId, long projectId) {
    }

    interface ProjectRepository extends ShardedRepository<Project, ProjectId> {
        @ShardScoped
        List<Project> findByStatus(String status);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJdbcRepositories(considerNestedRepositories = true, basePackageClasses = ActiveShardKeyAutoConfigurationTest.class,
            includeFilters = @org.springframework.context.annotation.ComponentScan.Filter(
                    type = org.springframework.context.annotation.FilterType.ASSIGNABLE_TYPE, classes = ProjectRepository.class))
    static class Repositories {
    }

    static class ProjectService {
        private final ProjectRepository projects;
        private final JdbcClient jdbc;
        private final TransactionTemplate transactions;

        ProjectService(ProjectRepository projects, JdbcClient jdbc, org.springframework.transaction.PlatformTransactionManager manager) {
            this.projects = projects;
            this.jdbc = jdbc;
            this.transactions = new TransactionTemplate(manager);
        }

        @ShardScoped(key = "#tenantId")
        public List<String> openProjects(long tenantId) {
            return projects.findByStatus("open").stream().map(project -> project.name).toList();
        }

        @ShardScoped(key = "#tenantId")
        public long countWithJdbcClient(long tenantId) {
            return jdbc.sql("SELECT count(*) FROM projects").query(Long.class).single();
        }

        public long countWithoutScope() {
            return jdbc.sql("SELECT count(*) FROM projects").query(Long.class).single();
        }

        @ShardScoped(key = "#p0")
        public long joinAcrossGroups(long tenantId) {
            return jdbc.sql("SELECT count(*) FROM projects p JOIN devices d ON d.project_id = p.project_id").query(Long.class).single();
        }

        @ShardScoped(key = "#tenantId")
        public List<String> openAndRename(long tenantId, long newProjectId, String name) {
            return transactions.execute(status -> {
                jdbc.sql("INSERT INTO projects (project_id, name, status, version) VALUES (?, ?, 'draft', 0)")
                        .params(newProjectId, "draft").update();
                jdbc.sql("UPDATE projects SET name = ?, status = 'open' WHERE project_id = ?").params(name, newProjectId).update();
                return jdbc.sql("SELECT name FROM projects WHERE status = 'open' ORDER BY project_id").query(String.class).list();
            });
        }
    }
}
