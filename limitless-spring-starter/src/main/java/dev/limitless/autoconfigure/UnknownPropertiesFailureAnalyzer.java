package dev.limitless.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A misspelt {@code limitless.*} property would leave the setting it meant out of force: names it and the fix. */
final class UnknownPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<UnknownPropertiesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownPropertiesException cause) {
        return new FailureAnalysis(cause.getMessage(),
                """
                Correct the name of each property (the properties limitless has are listed in docs/starter.md and \
                completed by your IDE), or remove it.
                If a name under limitless.* is yours and not limitless', set limitless.unknown-properties=warn \
                (logged) or allow.""",
                cause);
    }
}
