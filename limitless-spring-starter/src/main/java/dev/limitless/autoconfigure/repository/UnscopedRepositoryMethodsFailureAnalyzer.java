package dev.limitless.autoconfigure.repository;

import dev.limitless.repository.UnscopedRepositoryMethodsException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Lists every repository method that would run on every shard, with the fix for each. */
final class UnscopedRepositoryMethodsFailureAnalyzer extends AbstractFailureAnalyzer<UnscopedRepositoryMethodsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnscopedRepositoryMethodsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                """
                Constrain each method listed above by the full shard key (equality or IN), as its fix says; or, for a
                deliberate cross-shard method, annotate it (or the repository) with @AllowScatter(reason = "...").
                See docs/repositories.md.""",
                cause);
    }
}
