package dev.limitless.autoconfigure.jpa;

import dev.limitless.jpa.LimitlessMappingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Lists every Hibernate mapping problem on Limitless, with the fix for each. */
final class LimitlessMappingFailureAnalyzer extends AbstractFailureAnalyzer<LimitlessMappingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LimitlessMappingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                """
                Change each mapping listed above as its fix says. See docs/jpa.md.""",
                cause);
    }
}
