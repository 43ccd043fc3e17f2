package dev.limitless.autoconfigure.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.catalog.EmptyCatalogException;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableName;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** docs/catalog.md and the limitless.catalog.* rows of docs/starter.md: never silently empty. */
@LimitlessPostgres(shards = 4)
class CatalogConformanceTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void theApplicationsPackagesAndTheCatalogFileMakeTheCatalog() {
        TaskTracker.runner(database).run(context -> {
            ShardCatalog catalog = context.getBean(ShardCatalog.class);
            assertThat(catalog.find(new TableName("public", "boards"))).isPresent();
            assertThat(catalog.find(new TableName("public", "notes"))).isPresent();
        });
    }

    @Test
    void aTypoInEntityPackagesStopsStartUpNamingThePackage() {
        TaskTracker.runner(database)
                .withPropertyValues("limitless.catalog.entity-packages=dev.limitless.autoconfigure.conformance.taskracker")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(EmptyCatalogException.class);
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .contains("limitless.catalog.entity-packages=dev.limitless.autoconfigure.conformance.taskracker")
                            .contains("found there: no entity classes")
                            .contains("dev.limitless.autoconfigure.conformance.tasktracker hold: 1 annotated entity"
                                    + " (dev.limitless.autoconfigure.conformance.tasktracker.Board)");
                    assertThat(analysis.getAction()).contains("check the spelling");
                });
    }

    /** As Spring Boot reports a failed start: through the failure analyzers registered in spring.factories. */
    static FailureAnalysis analyze(Throwable failure) {
        return new RegisteredFailureAnalyzers().analyze(failure);
    }
}
