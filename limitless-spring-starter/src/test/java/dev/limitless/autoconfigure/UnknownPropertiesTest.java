package dev.limitless.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.UnknownPropertiesException.UnknownProperty;
import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.ddl.DdlAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.guard.Route;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.policy.PolicyAction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A misspelt limitless property must not silently leave what it meant out of force: unknown names stop start-up (or
 * are warned about), and the values users write keep binding to the same policies after the properties split.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnknownPropertiesAutoConfiguration.class, CatalogAutoConfiguration.class,
                    GuardAutoConfiguration.class))
            .withPropertyValues("limitless.catalog.file=classpath:catalogs/ledger.yaml");

    @Test
    void aMisspeltPropertyStopsStartUpNamingItAndTheNearestKnownOne() {
        runner.withPropertyValues("limitless.pinning.action.set=refuse", "limitless.guard.scater=warn").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(UnknownPropertiesException.class)
                    .hasMessageContaining("limitless.guard.scater").hasMessageContaining("did you mean limitless.guard.scatter?")
                    .hasMessageContaining("limitless.pinning.action.set").hasMessageNotContaining("refuse");
            UnknownPropertiesException failure = (UnknownPropertiesException) context.getStartupFailure();
            assertThat(failure.properties()).extracting(UnknownProperty::name)
                    .containsExactlyInAnyOrder("limitless.pinning.action.set", "limitless.guard.scater");
            FailureAnalysis analysis = new UnknownPropertiesFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("limitless.guard.scater");
            assertThat(analysis.getAction()).contains("limitless.unknown-properties=warn");
        });
    }

    @Test
    void aMisspeltTopLevelSwitchIsRefusedToo() {
        runner.withPropertyValues("limitless.gaurd.enabled=false", "limitless.topolgy=proxy").run(context ->
                assertThat(context.getStartupFailure()).isInstanceOf(UnknownPropertiesException.class)
                        .hasMessageContaining("- limitless.gaurd.enabled (").hasMessageContaining("did you mean limitless.guard.enabled?")
                        .hasMessageContaining("- limitless.topolgy (").hasMessageContaining("did you mean limitless.topology?"));
    }

    @Test
    void mapKeysListIndexesAndDeprecatedAliasesAreKnown() {
        runner.withPropertyValues("limitless.pinning.actions.temp_table=refuse", "limitless.pinning.actions.set=allow",
                "limitless.guard.search-path[0]=ledger", "limitless.guard.search-path[1]=public",
                "limitless.guard.warm-up.statements[0]=SELECT 1", "limitless.pinning.topology=proxy",
                "limitless.retry.budget.burst=3", "limitless.sqs.max-receive-count=5", "limitless.iam.tls.mode=verify-ca")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PinningDetector pinning = context.getBean(PinningDetector.class);
                    assertThat(pinning.policy().action(PinningReason.TEMP_TABLE)).isEqualTo(PolicyAction.REFUSE);
                    assertThat(pinning.policy().action(PinningReason.SET)).isEqualTo(PolicyAction.ALLOW);
                });
    }

    @Test
    void warnLogsTheUnknownNamesAndStarts(CapturedOutput output) {
        runner.withPropertyValues("limitless.unknown-properties=warn", "limitless.guard.multi-shrad=refuse").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains("- limitless.guard.multi-shrad (").contains("did you mean limitless.guard.multi-shard?");
        });
        runner.withPropertyValues("limitless.unknown-properties=allow", "limitless.mine.own=1")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aMisspeltUnknownPropertiesSettingIsRefusedItself() {
        runner.withPropertyValues("limitless.unknown-properties=never").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("never"));
    }

    @Test
    void jvmSystemPropertiesAreNotChecked() {
        System.setProperty("limitless.test.some-setting", "1");
        try {
            runner.run(context -> assertThat(context).hasNotFailed());
        } finally {
            System.clearProperty("limitless.test.some-setting");
        }
    }

    @Test
    void anApplicationPropertiesFileIsCheckedWithTheLineOfTheTypo() {
        SpringApplication application = new SpringApplication(TypoApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run("--spring.config.name=typo-application")) {
            throw new AssertionError("started despite limitless.guard.unknow in typo-application.properties");
        } catch (UnknownPropertiesException e) {
            assertThat(e.properties()).singleElement().satisfies(property -> {
                assertThat(property.name()).isEqualTo("limitless.guard.unknow");
                assertThat(property.origin()).contains("typo-application.properties").contains("2:");
                assertThat(property.suggestion()).isEqualTo("limitless.guard.unknown");
            });
        }
    }

    /** The values users write bind as before the split: any case, both map-key spellings, per concern. */
    @Test
    void theValuesUsersWriteBindToTheSamePolicies() {
        runner.withPropertyValues("limitless.guard.scatter=WARN", "limitless.guard.multi-shard=refuse",
                "limitless.guard.unknown=Allow", "limitless.pinning.default-action=allow",
                "limitless.pinning.actions.advisory_lock=refuse", "limitless.pinning.actions.driver-setting=warn")
                .run(context -> {
                    ShardScopeGuard guard = context.getBean(ShardScopeGuard.class);
                    assertThat(guard.policy().action(Route.SCATTER)).isEqualTo(PolicyAction.WARN);
                    assertThat(guard.policy().action(Route.MULTI_SHARD)).isEqualTo(PolicyAction.REFUSE);
                    assertThat(guard.policy().action(Route.UNKNOWN)).isEqualTo(PolicyAction.ALLOW);
                    PinningDetector pinning = context.getBean(PinningDetector.class);
                    assertThat(pinning.policy().action(PinningReason.SET)).isEqualTo(PolicyAction.ALLOW);
                    assertThat(pinning.policy().action(PinningReason.ADVISORY_LOCK)).isEqualTo(PolicyAction.REFUSE);
                    assertThat(pinning.policy().action(PinningReason.DRIVER_SETTING)).isEqualTo(PolicyAction.WARN);
                });
    }

    /** A misspelt value (not name) fails binding, naming the property, as it did with one properties class. */
    @Test
    void aMisspeltValueStopsStartUpNamingTheProperty() {
        for (Map.Entry<String, String> typo : Map.of("limitless.guard.scatter", "refuze",
                "limitless.pinning.default-action", "warm", "limitless.pinning.actions.sett", "refuse").entrySet()) {
            runner.withPropertyValues(typo.getKey() + "=" + typo.getValue()).run(context -> {
                assertThat(context).as(typo.getKey()).hasFailed();
                assertThat(context.getStartupFailure()).as(typo.getKey()).hasStackTraceContaining(
                        typo.getKey().startsWith("limitless.pinning.actions") ? "limitless.pinning.actions" : typo.getKey());
            });
        }
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DdlAutoConfiguration.class))
                .withPropertyValues("limitless.ddl.mode=validat")
                .withBean(javax.sql.DataSource.class, () -> new org.springframework.jdbc.datasource.SimpleDriverDataSource())
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("limitless.ddl.mode"));
    }

    @Test
    void everyListedPropertyIsKnownAndNothingElse() {
        Map<org.springframework.boot.context.properties.source.ConfigurationPropertyName, Boolean> known =
                UnknownPropertiesCheck.known(getClass().getClassLoader());
        assertThat(known).hasSizeGreaterThan(60)
                .containsEntry(org.springframework.boot.context.properties.source.ConfigurationPropertyName.of("limitless.pinning.actions"), true)
                .containsEntry(org.springframework.boot.context.properties.source.ConfigurationPropertyName.of("limitless.guard.scatter"), false);
        assertThat(List.copyOf(known.keySet())).noneMatch(name -> name.toString().equals("limitless.guard"));
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(UnknownPropertiesAutoConfiguration.class)
    static class TypoApplication {
    }
}
