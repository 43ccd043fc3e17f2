package dev.limitless.iam;

/**
 * How connections that carry an IAM token are protected. RDS only accepts IAM authentication over TLS, and the token
 * travels as a clear-text password inside the TLS session, so every mode but the last one requires TLS.
 */
public enum TlsMode {

    /** TLS, the server certificate chains to the configured CA bundle and names the host (PgJDBC {@code verify-full}). The default. */
    VERIFY_FULL("verify-full"),
    /** TLS, the certificate chains to the CA bundle; the host name is not checked (e.g. through a tunnel). */
    VERIFY_CA("verify-ca"),
    /** TLS without certificate checks: encrypted, but open to a man in the middle. */
    REQUIRE("require"),
    /**
     * No TLS, accepted only when the JDBC URL names a loopback host (localhost, 127.0.0.0/8, ::1): for tests against a
     * local PostgreSQL that checks the token as an ordinary password. Unsafe for anything else; never use it in
     * production.
     */
    UNSAFE_PLAINTEXT_LOOPBACK_ONLY("disable");

    private final String sslMode;

    TlsMode(String sslMode) {
        this.sslMode = sslMode;
    }

    /** The PgJDBC {@code sslmode} value. */
    public String sslMode() {
        return sslMode;
    }

    /** Whether connections are encrypted. */
    public boolean encrypted() {
        return this != UNSAFE_PLAINTEXT_LOOPBACK_ONLY;
    }
}
