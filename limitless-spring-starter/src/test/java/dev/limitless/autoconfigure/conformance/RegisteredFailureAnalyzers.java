package dev.limitless.autoconfigure.conformance;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The failure analyzers registered in META-INF/spring.factories, applied as Spring Boot does on a failed start. */
final class RegisteredFailureAnalyzers {

    FailureAnalysis analyze(Throwable failure) {
        for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                // analyzers that need the failed context's bean factory cannot be built here; ours need nothing
                .load(FailureAnalyzer.class, null, (type, implementation, cause) -> { })) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        throw new AssertionError("no registered failure analyzer explains " + failure);
    }
}
