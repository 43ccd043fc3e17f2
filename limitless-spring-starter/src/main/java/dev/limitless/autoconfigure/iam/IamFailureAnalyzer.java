package dev.limitless.autoconfigure.iam;

import dev.limitless.iam.IamConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an IAM configuration that cannot work, naming the property to change. */
final class IamFailureAnalyzer extends AbstractFailureAnalyzer<IamConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IamConfigurationException cause) {
        return new FailureAnalysis("IAM database authentication is misconfigured: " + cause.getMessage(),
                """
                Change the property, or add the dependency, named above. The limitless.iam.* properties are listed in docs/starter.md; the IAM
                guide (docs/iam.md) shows working settings for RDS Proxy and for a Limitless shard-group endpoint.""",
                cause);
    }
}
