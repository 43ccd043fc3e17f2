package dev.limitless.autoconfigure.catalog;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** An empty catalog would switch the guard off silently: says which packages were scanned and how to fix it. */
final class EmptyCatalogFailureAnalyzer extends AbstractFailureAnalyzer<EmptyCatalogException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmptyCatalogException cause) {
        return new FailureAnalysis(cause.getMessage(),
                """
                Give limitless a catalog:
                - set limitless.catalog.entity-packages to the package(s) of your entities (check the spelling), or
                  remove it to scan the packages of your @SpringBootApplication;
                - annotate the entities @ShardedTable(shardKey = "...") or @ReferenceTable (docs/catalog.md);
                - or name a catalog file: limitless.catalog.file=classpath:limitless-catalog.yaml;
                - or read the database's own catalog: limitless.catalog.live=true.
                If the application really has no sharded or reference table, set limitless.catalog.allow-empty=true.""",
                cause);
    }
}
