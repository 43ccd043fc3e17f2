package dev.limitless.autoconfigure.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.pinning.PinningRefusedException;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import javax.sql.DataSource;

/** limitless.pinning.topology=limitless: an advisory lock is refused with Limitless' reason and the alternative. */
@LimitlessPostgres(shards = 0)
class AdvisoryLockOnLimitlessTopologyTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    JdbcClientAutoConfiguration.class, CatalogAutoConfiguration.class, GuardAutoConfiguration.class))
            .withPropertyValues("limitless.catalog.allow-empty=true", "spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                    "limitless.pinning.actions.advisory_lock=refuse");

    @Test
    void onLimitlessATransactionAdvisoryLockIsRefusedBeforeTheRouterWouldRefuseIt() {
        runner.withPropertyValues("limitless.pinning.topology=limitless").run(context -> {
            assertThat(context).hasNotFailed();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(context.getBean(DataSource.class)));
            assertThatThrownBy(() -> transaction.executeWithoutResult(status ->
                    jdbc.sql("SELECT pg_advisory_xact_lock(42)").query().singleValue()))
                    .hasRootCauseInstanceOf(PinningRefusedException.class)
                    .rootCause().hasMessageContaining("Aurora Limitless refuses").hasMessageContaining("SELECT ... FOR UPDATE");
        });
    }

    @Test
    void behindTheProxyTheTransactionLockDoesNotPinAndRuns() {
        // a plain PostgreSQL (shards = 0): the advisory lock itself works there
        runner.run(context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(context.getBean(DataSource.class)));
            transaction.executeWithoutResult(status -> jdbc.sql("SELECT pg_advisory_xact_lock(42)").query().singleValue());
            assertThatThrownBy(() -> jdbc.sql("SELECT pg_advisory_lock(42)").query().singleValue())
                    .hasRootCauseInstanceOf(PinningRefusedException.class)
                    .rootCause().hasMessageContaining("pins the database session");
        });
    }
}
