package dev.limitless.autoconfigure.local;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Names the dependency a {@code limitless.local.*} property needs, and the ways to add it or do without it. */
final class LocalDependencyFailureAnalyzer extends AbstractFailureAnalyzer<LocalDependencyMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LocalDependencyMissingException cause) {
        return new FailureAnalysis(cause.getMessage(), """
                Add the dependency %s (its version comes from dev.limitless:limitless-bom) in test scope, and run locally \
                with the test class path (spring-boot:test-run, or spring-boot:run with useTestClasspath; see \
                docs/testing.md). In production, remove %s (or set it to false) and set spring.datasource.url to your \
                database.""".formatted(cause.dependency(), cause.property()), cause);
    }
}
