package dev.limitless.iam;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.rds.RdsUtilities;

/** Mints one token; the seam between {@link IamTokenCache} and the AWS SDK. */
@FunctionalInterface
interface TokenMinter {

    /** The SDK signer's logger: at DEBUG it logs the canonical request, which holds the session token. */
    String SDK_SIGNER_LOGGER = "software.amazon.awssdk.auth.signer.Aws4Signer";
    /** The SDK's URI cache logger: at TRACE it logs the presigned URI, which is the whole token. */
    String SDK_URI_LOGGER = "software.amazon.awssdk.utils.uri.SdkUri";

    String mint(IamEndpoint endpoint);

    /**
     * Mints with the SDK's presigner (SigV4, service {@code rds-db}, 900 s), computed locally without network. Refuses
     * while the SDK's signer logs at DEBUG, because that log line would carry the session token.
     */
    static TokenMinter rds(RdsUtilities utilities) {
        Logger signerLog = LoggerFactory.getLogger(SDK_SIGNER_LOGGER);
        Logger uriLog = LoggerFactory.getLogger(SDK_URI_LOGGER);
        return endpoint -> {
            if (signerLog.isDebugEnabled()) {
                throw leakingLogger(SDK_SIGNER_LOGGER, "DEBUG", "the AWS session token");
            }
            if (uriLog.isTraceEnabled()) {
                throw leakingLogger(SDK_URI_LOGGER, "TRACE", "the whole IAM token");
            }
            return utilities.generateAuthenticationToken(request -> request
                    .hostname(endpoint.host())
                    .port(endpoint.port())
                    .username(endpoint.user())
                    .region(endpoint.region()));
        };
    }

    private static IamConfigurationException leakingLogger(String logger, String level, String secret) {
        return new IamConfigurationException("The AWS SDK logger " + logger + " is at " + level + ", where it logs "
                + secret + " while signing, so no IAM token is minted: set the AWS SDK's loggers to INFO"
                + " (Spring Boot: logging.level.software.amazon.awssdk=INFO).");
    }
}
