package dev.limitless.autoconfigure.catalog;

import dev.limitless.catalog.CatalogException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad shard catalog into a start-up report that says what is wrong and where to fix it. */
final class CatalogFailureAnalyzer extends AbstractFailureAnalyzer<CatalogException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CatalogException cause) {
        return new FailureAnalysis("The limitless shard catalog could not be built: " + cause.getMessage(),
                """
                Fix the catalog source named above:
                - a catalog file (limitless.catalog.file): correct the entry at the line given (format in docs/catalog.md);
                - annotated entities (@ShardedTable, @ReferenceTable, @ShardKey): make them agree with the catalog file;
                - the live database (limitless.catalog.live=true): make the file and entities match what Aurora reports,
                  or switch the live source off.""",
                cause);
    }
}
