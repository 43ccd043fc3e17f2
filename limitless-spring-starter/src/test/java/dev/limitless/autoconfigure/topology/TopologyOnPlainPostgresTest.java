package dev.limitless.autoconfigure.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningRefusedException;
import dev.limitless.pinning.Topology;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/** limitless.topology against a plain PostgreSQL: nothing says Limitless, so the configured topology stands. */
@LimitlessPostgres(shards = 0)
class TopologyOnPlainPostgresTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    JdbcClientAutoConfiguration.class, CatalogAutoConfiguration.class, GuardAutoConfiguration.class,
                    TopologyAutoConfiguration.class))
            .withPropertyValues("limitless.catalog.allow-empty=true", "spring.datasource.url=" + database.jdbcUrl(),
                    "spring.datasource.username=" + database.username(), "spring.datasource.password=" + database.password(),
                    "limitless.pinning.actions.set=refuse");

    @Test
    void unsetOnAPlainDatabaseTheTopologyStaysProxyAndSessionStateIsRefusedAsConfigured() {
        runner.run(context -> {
            TopologyOnLimitlessTest.ready(context);
            assertThat(context.getBean(PinningDetector.class).topology()).isEqualTo(Topology.PROXY);
            assertThatThrownBy(() -> context.getBean(JdbcClient.class).sql("SET work_mem = '8MB'").update())
                    .hasRootCauseInstanceOf(PinningRefusedException.class);
        });
    }

    @Test
    void standardMeansNoPoolerSoNothingPinsAndNothingIsRefused() {
        runner.withPropertyValues("limitless.topology=standard").run(context -> {
            TopologyOnLimitlessTest.ready(context);
            assertThat(context.getBean(PinningDetector.class).topology()).isEqualTo(Topology.STANDARD);
            context.getBean(JdbcClient.class).sql("SET work_mem = '8MB'").update();
        });
    }
}
