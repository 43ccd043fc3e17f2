package dev.limitless.iam;

import java.time.Instant;
import java.util.Objects;

/**
 * One mint attempt of an {@link IamTokenCache}, as told to an {@link IamTokenListener}. Holds no token.
 *
 * @param endpoint what the token is for
 * @param reason why a token was minted
 * @param outcome whether the mint succeeded
 * @param at when the attempt finished (the cache's clock); for a success, the new token's issue time
 */
public record IamTokenRefresh(IamEndpoint endpoint, Reason reason, Outcome outcome, Instant at) {

    public IamTokenRefresh {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }

    /** Why a token was minted. */
    public enum Reason {
        /** No token for this endpoint yet. */
        FIRST_USE,
        /** The token entered its refresh-ahead window; callers kept using it meanwhile. */
        REFRESH_AHEAD,
        /** The token was too close to expiry to hand out; callers waited for the new one. */
        EXPIRED,
        /** The server rejected the token (SQLState 28000/28P01). */
        REJECTED;

        /** The lower-case tag value. */
        public String tagValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether the mint succeeded; {@link #tagValue()} is the {@code outcome} tag value. */
    public enum Outcome {
        SUCCESS, FAILURE;

        /** The lower-case tag value ({@code success}, {@code failure}). */
        public String tagValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
