package dev.limitless.iam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Mints one token signed at a given second; the seam between {@link IamTokenCache} and the AWS SDK. */
@FunctionalInterface
interface TokenMinter {

    /** The SDK signer's logger: at DEBUG it logs the canonical request, which holds the session token. */
    String SDK_SIGNER_LOGGER = "software.amazon.awssdk.auth.signer.Aws4Signer";
    /** The SDK's URI cache logger: at TRACE it logs the presigned URI, which is the whole token. */
    String SDK_URI_LOGGER = "software.amazon.awssdk.utils.uri.SdkUri";

    /** A token for the endpoint whose {@code X-Amz-Date} is {@code signingTime} (whole seconds). */
    String mint(IamEndpoint endpoint, Instant signingTime);

    /**
     * Mints exactly as the SDK's {@code RdsUtilities#generateAuthenticationToken} does (SigV4 presign with the SDK's
     * {@link Aws4Signer}, service {@code rds-db}, 900 s, computed locally without network), but at a signing time the
     * cache chooses: {@code RdsUtilities} offers no clock, and a retry after a rejected token must carry a newer
     * {@code X-Amz-Date} than the rejected one to get a different signature. Refuses while the SDK's signer logs at
     * DEBUG, because that log line would carry the session token.
     */
    @SuppressWarnings("deprecation") // Aws4Signer: what RdsUtilities itself signs with, and the only one taking a clock here
    static TokenMinter rds(AwsCredentialsProvider credentials) {
        Logger signerLog = LoggerFactory.getLogger(SDK_SIGNER_LOGGER);
        Logger uriLog = LoggerFactory.getLogger(SDK_URI_LOGGER);
        Aws4Signer signer = Aws4Signer.create();
        Duration lifetime = IamTokenCache.TOKEN_LIFETIME;
        return (endpoint, signingTime) -> {
            if (signerLog.isDebugEnabled()) {
                throw leakingLogger(SDK_SIGNER_LOGGER, "DEBUG", "the AWS session token");
            }
            if (uriLog.isTraceEnabled()) {
                throw leakingLogger(SDK_URI_LOGGER, "TRACE", "the whole IAM token");
            }
            SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.GET)
                    .protocol("https")
                    .host(endpoint.host())
                    .port(endpoint.port())
                    .encodedPath("/")
                    .putRawQueryParameter("DBUser", endpoint.user())
                    .putRawQueryParameter("Action", "connect")
                    .build();
            Aws4PresignerParams params = Aws4PresignerParams.builder()
                    .signingClockOverride(Clock.fixed(signingTime, ZoneOffset.UTC))
                    .expirationTime(signingTime.plus(lifetime))
                    .awsCredentials(credentials.resolveCredentials())
                    .signingName("rds-db")
                    .signingRegion(endpoint.region())
                    .build();
            String uri = signer.presign(request, params).getUri().toString();
            return uri.regionMatches(true, 0, "https://", 0, 8) ? uri.substring(8) : uri;
        };
    }

    private static IamConfigurationException leakingLogger(String logger, String level, String secret) {
        return new IamConfigurationException("The AWS SDK logger " + logger + " is at " + level + ", where it logs "
                + secret + " while signing, so no IAM token is minted: set the AWS SDK's loggers to INFO"
                + " (Spring Boot: logging.level.software.amazon.awssdk=INFO).");
    }
}
