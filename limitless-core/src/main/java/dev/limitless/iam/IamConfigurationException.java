package dev.limitless.iam;

/**
 * IAM authentication settings that cannot work: a missing region or signing host, TLS switched off, a user or
 * port that is not valid. The message says which setting is wrong and how to fix it; it never contains a token,
 * password or secret key.
 */
public class IamConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public IamConfigurationException(String message) {
        super(message);
    }
}
