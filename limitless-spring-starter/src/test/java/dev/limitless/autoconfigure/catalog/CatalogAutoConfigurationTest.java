package dev.limitless.autoconfigure.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CatalogAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CatalogAutoConfiguration.class));

    @Test
    void noCatalogSourceAtAllStopsStartUpUnlessAnEmptyCatalogIsAllowed() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new EmptyCatalogFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("shard catalog is empty").contains("no limitless.catalog.file");
            assertThat(analysis.getAction()).contains("limitless.catalog.entity-packages").contains("limitless.catalog.allow-empty=true");
        });
        runner.withPropertyValues("limitless.catalog.allow-empty=true")
                .run(context -> assertThat(context.getBean(ShardCatalog.class).isEmpty()).isTrue());
    }

    @Test
    void aTypoInEntityPackagesStopsStartUpNamingThePackageAndWhatTheApplicationHas() {
        runner.withUserConfiguration(ApplicationPackage.class)
                .withPropertyValues("limitless.catalog.entity-packages=dev.limitless.autoconfigure.catalog.entites",
                        "limitless.catalog.file=classpath:catalogs/ledger.yaml")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new EmptyCatalogFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).as("analyzed by the limitless failure analyzer").isNotNull();
                    assertThat(analysis.getDescription())
                            .contains("limitless.catalog.entity-packages=dev.limitless.autoconfigure.catalog.entites")
                            .contains("found there: no entity classes")
                            .contains("dev.limitless.autoconfigure.catalog hold: 1 annotated entity (dev.limitless.autoconfigure.catalog.entities.Wallet)");
                });
    }

    /** The package of a @SpringBootApplication, as AutoConfigurationPackages sees it. */
    @org.springframework.boot.autoconfigure.AutoConfigurationPackage
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class ApplicationPackage {
    }

    @Test
    void scansAnnotatedEntitiesOfTheConfiguredPackages() {
        runner.withPropertyValues("limitless.catalog.entity-packages=dev.limitless.autoconfigure.catalog.entities")
                .run(context -> assertThat(context.getBean(ShardCatalog.class).find(TableName.of("public", "wallets")))
                        .hasValueSatisfying(table -> assertThat(table.shardKey()).containsExactly("wallet_id")));
    }

    @Test
    void readsTheCatalogFile() {
        runner.withPropertyValues("limitless.catalog.file=classpath:catalogs/ledger.yaml", "limitless.default-schema=public")
                .run(context -> {
                    ShardCatalog catalog = context.getBean(ShardCatalog.class);
                    assertThat(catalog.modeOf(TableName.of("public", "transactions"))).isEqualTo(TableMode.SHARDED);
                    assertThat(catalog.collocated(TableName.of("public", "accounts"), TableName.of("public", "transactions"))).isTrue();
                    assertThat(catalog.modeOf(TableName.of("public", "currencies"))).isEqualTo(TableMode.REFERENCE);
                });
    }

    @Test
    void brokenCatalogFileStopsStartUpWithFileLineAndFix() {
        runner.withPropertyValues("limitless.catalog.file=classpath:catalogs/broken.yaml").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            CatalogException cause = findCause(failure);
            assertThat(cause).hasMessage("broken.yaml:3: Unknown table mode 'shardd'; use sharded, reference or standard");
            FailureAnalysis analysis = new CatalogFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("broken.yaml:3");
            assertThat(analysis.getAction()).contains("limitless.catalog.file");
        });
    }

    private static CatalogException findCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CatalogException catalogException) {
                return catalogException;
            }
        }
        throw new AssertionError("no CatalogException in " + failure);
    }
}
