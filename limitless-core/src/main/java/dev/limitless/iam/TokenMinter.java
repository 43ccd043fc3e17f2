package dev.limitless.iam;

import software.amazon.awssdk.services.rds.RdsUtilities;

/** Mints one token; the seam between {@link IamTokenCache} and the AWS SDK. */
@FunctionalInterface
interface TokenMinter {

    String mint(IamEndpoint endpoint);

    /** Mints with the SDK's presigner (SigV4, service {@code rds-db}, 900 s), computed locally without network. */
    static TokenMinter rds(RdsUtilities utilities) {
        return endpoint -> utilities.generateAuthenticationToken(request -> request
                .hostname(endpoint.host())
                .port(endpoint.port())
                .username(endpoint.user())
                .region(endpoint.region()));
    }
}
