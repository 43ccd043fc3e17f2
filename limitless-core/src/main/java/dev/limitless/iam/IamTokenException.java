package dev.limitless.iam;

/**
 * An IAM authentication token could not be minted, usually because no AWS credentials are available, or no token
 * different from a rejected one could be signed yet. The message
 * names the endpoint and the cause's type and message (the AWS SDK never puts secrets there); never a token.
 */
public final class IamTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient IamEndpoint endpoint;

    IamTokenException(IamEndpoint endpoint, RuntimeException cause) {
        super(message(endpoint, cause), cause);
        this.endpoint = endpoint;
    }

    IamTokenException(IamEndpoint endpoint, String reason) {
        super("No new IAM authentication token for " + endpoint + ": " + reason + ".");
        this.endpoint = endpoint;
    }

    private static String message(IamEndpoint endpoint, RuntimeException cause) {
        if (cause instanceof IamConfigurationException) {
            return "Could not mint an IAM authentication token for " + endpoint + ": " + cause.getMessage();
        }
        return "Could not mint an IAM authentication token for " + endpoint + ": " + cause.getClass().getSimpleName()
                + ": " + cause.getMessage() + ". Check that AWS credentials are available to this process (the"
                + " default chain reads AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, the profile files,"
                + " web identity and container or instance roles).";
    }

    /** The endpoint the token was for. */
    public IamEndpoint endpoint() {
        return endpoint;
    }
}
