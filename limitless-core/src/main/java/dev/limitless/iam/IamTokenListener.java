package dev.limitless.iam;

/**
 * Told about every token mint of an {@link IamTokenCache}, for metrics ({@code limitless.iam.token.refreshes} with
 * tag {@code outcome}, {@code limitless.iam.token.age}) or logs. Called on the minting thread, once per mint, never
 * on the cached path; implementations must be fast and must not throw. Events carry no token.
 */
@FunctionalInterface
public interface IamTokenListener {

    /** A listener that does nothing (the default). */
    IamTokenListener NONE = refresh -> { };

    /** Called after each mint attempt, successful or not. */
    void onRefresh(IamTokenRefresh refresh);
}
