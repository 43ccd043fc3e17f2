package dev.limitless.autoconfigure.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.Topology;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * limitless.topology against a database with the local Limitless emulation: detected when unset, a contradiction
 * stops start-up. The database itself is asked (its Limitless catalog), the URL is a plain localhost one.
 */
@LimitlessPostgres
class TopologyOnLimitlessTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, CatalogAutoConfiguration.class,
                    GuardAutoConfiguration.class, TopologyAutoConfiguration.class))
            .withPropertyValues("limitless.catalog.allow-empty=true", "spring.datasource.url=" + database.jdbcUrl(),
                    "spring.datasource.username=" + database.username(), "spring.datasource.password=" + database.password());

    static void ready(AssertableApplicationContext context) {
        context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
                context.getSourceApplicationContext(ConfigurableApplicationContext.class), Duration.ZERO));
    }

    @Test
    void unsetTheTopologyIsDetectedFromTheDatabaseAtStartUp() {
        runner.run(context -> {
            PinningDetector detector = context.getBean(PinningDetector.class);
            assertThat(detector.topology()).isEqualTo(Topology.PROXY);
            ready(context);
            assertThat(detector.topology()).isEqualTo(Topology.LIMITLESS);
        });
    }

    @Test
    void proxyConfiguredAgainstLimitlessStopsStartUpSayingRdsProxyIsNotSupported() {
        runner.withPropertyValues("limitless.topology=proxy").run(context -> {
            assertThatThrownBy(() -> ready(context)).isInstanceOf(TopologyMismatchException.class)
                    .hasMessageContaining("limitless.topology=proxy")
                    .hasMessageContaining("it has rds_aurora.limitless_tables")
                    .hasMessageContaining("RDS Proxy as not supported");
            try {
                ready(context);
            } catch (TopologyMismatchException e) {
                FailureAnalysis analysis = new TopologyMismatchFailureAnalyzer().analyze(e);
                assertThat(analysis.getAction()).contains("limitless.topology=limitless");
            }
        });
    }

    @Test
    void aWrapperWithoutItsLimitlessPluginOnALimitlessDatabaseIsWarnedAbout() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TopologyAutoConfiguration.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            runner.withPropertyValues("spring.datasource.driver-class-name=software.amazon.jdbc.Driver",
                    "spring.datasource.url=jdbc:aws-wrapper:" + database.jdbcUrl().substring("jdbc:".length()),
                    "spring.datasource.hikari.data-source-properties.wrapperPlugins=",
                    "limitless.topology=limitless").run(context -> {
                        ready(context);
                        assertThat(logs.list).map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                                .anySatisfy(message -> assertThat(message).contains("runs without its limitless plugin")
                                        .contains("Set limitless.topology=limitless"));
                    });
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void theDeprecatedPinningTopologyStillCountsAndTheNewPropertyWins() {
        runner.withPropertyValues("limitless.pinning.topology=standard").run(context ->
                assertThatThrownBy(() -> ready(context)).isInstanceOf(TopologyMismatchException.class)
                        .hasMessageContaining("limitless.topology=standard"));
        runner.withPropertyValues("limitless.pinning.topology=proxy", "limitless.topology=limitless").run(context -> {
            ready(context);
            assertThat(context.getBean(PinningDetector.class).topology()).isEqualTo(Topology.LIMITLESS);
        });
    }
}
