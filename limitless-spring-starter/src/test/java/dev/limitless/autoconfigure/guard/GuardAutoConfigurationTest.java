package dev.limitless.autoconfigure.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.GuardCacheProbe;
import dev.limitless.guard.ScatterRefusedException;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.autoconfigure.LedgerSchema;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.HikariCheckpointRestoreLifecycle;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

@LimitlessPostgres(shards = 8)
class GuardAutoConfigurationTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    JdbcClientAutoConfiguration.class, CatalogAutoConfiguration.class, GuardAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                    "limitless.catalog.file=classpath:catalogs/ledger.yaml");

    @BeforeAll
    static void schema() {
        LedgerSchema.create(database);
    }

    @Test
    void scopedStatementsRunAndScatterIsRefusedBeforeItIsSent() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DataSource.class)).isInstanceOf(GuardedDataSource.class);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT count(*) FROM accounts WHERE account_id = ?").param(UUID.randomUUID())
                    .query(Integer.class).single()).isZero();
            assertThatThrownBy(() -> jdbc.sql("SELECT count(*) FROM accounts WHERE owner = ?").param("ann").query(Integer.class).single())
                    .hasRootCauseInstanceOf(ScatterRefusedException.class)
                    .rootCause().hasMessageContaining("accounts").hasMessageContaining("account_id");
            assertThat(jdbc.sql("/* limitless:allow-scatter */ SELECT count(*) FROM accounts WHERE owner = ?").param("ann")
                    .query(Integer.class).single()).isZero();
        });
    }

    @Test
    void theListedStatementsAreAnalysedBeforeTheFirstRequestAndTheWarmUpCanBeSwitchedOff() {
        String listed = "SELECT owner FROM accounts WHERE account_id = ?";
        runner.withPropertyValues("limitless.guard.warm-up.statements[0]=" + listed).run(context -> {
            assertThat(context).hasNotFailed();
            ShardScopeGuard guard = context.getBean(ShardScopeGuard.class);
            // analysed during start-up: the first request finds the verdict (the same object every later call gets)
            assertThat(GuardCacheProbe.isCached(guard, listed)).isTrue();
            assertThat(GuardCacheProbe.isCached(guard, "SELECT * FROM public.accounts WHERE account_id = ?")).isTrue();
        });
        runner.withPropertyValues("limitless.guard.warm-up.enabled=false", "limitless.guard.warm-up.statements[0]=" + listed)
                .run(context -> assertThat(GuardCacheProbe.isCached(context.getBean(ShardScopeGuard.class), listed)).isFalse());
    }

    @Test
    void scatterCanBeDowngradedToAWarning() {
        runner.withPropertyValues("limitless.guard.scatter=warn").run(context -> assertThat(
                context.getBean(JdbcClient.class).sql("SELECT count(*) FROM accounts").query(Integer.class).single()).isZero());
    }

    @Test
    void poolFeaturesStillReachHikari() throws Exception {
        runner.withPropertyValues("spring.datasource.hikari.allow-pool-suspension=true").run(context -> {
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
            assertThat(dataSource.unwrap(HikariDataSource.class).getJdbcUrl()).isEqualTo(database.jdbcUrl());
            assertThat(context).hasSingleBean(HikariCheckpointRestoreLifecycle.class);
        });
    }

    @Test
    void switchedOffLeavesTheDataSourceAlone() {
        runner.withPropertyValues("limitless.guard.enabled=false")
                .run(context -> assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class));
    }

    @Test
    void aGuardBeanOfYourOwnIsUsed() {
        ShardScopeGuard own = ShardScopeGuard.of(ShardCatalog.empty());
        runner.withBean(ShardScopeGuard.class, () -> own).run(context ->
                assertThat(((GuardedDataSource) context.getBean(DataSource.class)).guard()).isSameAs(own));
    }

    @Test
    void liveCatalogIsMergedAndConflictsNameBothSources() {
        runner.withPropertyValues("limitless.catalog.live=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(((GuardedDataSource) context.getBean(DataSource.class)).guard().catalog().tables()).hasSize(3);
        });
        runner.withPropertyValues("limitless.catalog.live=true", "limitless.catalog.file=classpath:catalogs/conflicting.yaml")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(CatalogException.class)
                            .hasMessageContaining("Table public.accounts is defined twice")
                            .hasMessageContaining("conflicting.yaml:2")
                            .hasMessageContaining("live database (rds_aurora.limitless_tables)");
                });
    }
}
