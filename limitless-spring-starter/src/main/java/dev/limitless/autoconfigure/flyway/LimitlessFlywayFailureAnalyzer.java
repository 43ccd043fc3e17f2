package dev.limitless.autoconfigure.flyway;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains why Flyway would fail on Limitless and how to give it limitless' database type. */
final class LimitlessFlywayFailureAnalyzer extends AbstractFailureAnalyzer<LimitlessFlywayUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LimitlessFlywayUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                """
                Put both org.flywaydb:flyway-database-postgresql and dev.limitless:limitless-core on the class path.
                If the application is repackaged into one jar, keep every META-INF/services/
                org.flywaydb.core.extensibility.Plugin file by merging them (maven-shade-plugin:
                ServicesResourceTransformer) or ship the dependencies as separate jars (lib/ of a Lambda zip).""",
                cause);
    }
}
