package dev.limitless.autoconfigure.ddl;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Lists every difference between the declared and the live Limitless catalog, and the ways out. */
final class SchemaMismatchFailureAnalyzer extends AbstractFailureAnalyzer<SchemaMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemaMismatchException cause) {
        return new FailureAnalysis(cause.getMessage(),
                """
                Make the database and the declarations agree: generate the missing Limitless DDL with
                'limitless ddl' or LimitlessDdl (docs/ddl.md) and add it as a migration, or correct the entities
                (@ShardedTable, @ReferenceTable, @ShardKey) or the catalog file. To start anyway, set
                limitless.ddl.mode=none.""",
                cause);
    }
}
