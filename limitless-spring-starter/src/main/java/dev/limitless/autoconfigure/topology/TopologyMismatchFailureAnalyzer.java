package dev.limitless.autoconfigure.topology;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link TopologyMismatchException} with the fixes. */
final class TopologyMismatchFailureAnalyzer extends AbstractFailureAnalyzer<TopologyMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TopologyMismatchException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set limitless.topology=limitless (or remove limitless.topology and limitless.pinning.topology to have it"
                        + " detected), and point spring.datasource.url at the Limitless cluster endpoint, e.g."
                        + " jdbc:postgresql://ledger.cluster-c9akciq32abc.us-east-1.rds.amazonaws.com:5432/postgres_limitless.",
                cause);
    }
}
