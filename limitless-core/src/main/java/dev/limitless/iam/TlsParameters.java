package dev.limitless.iam;

import java.util.Locale;
import java.util.Set;

/**
 * Refuses every PgJDBC setting that could change how an IAM connection is protected. PgJDBC lets URL parameters
 * override the properties this library sets, so a URL with {@code sslmode=require}, a trusting {@code sslfactory} or
 * another {@code sslrootcert} would send the token to whoever answers, while the configured {@link TlsMode} still
 * reads {@code verify-full}. The library owns TLS: only the settings below that cannot weaken it pass.
 */
final class TlsParameters {

    /** TLS settings that change timing or the negotiation style but never what is verified. */
    private static final Set<String> HARMLESS = Set.of("sslresponsetimeout", "sslnegotiation");

    private TlsParameters() {
    }

    /**
     * Throws when the setting {@code name=value}, found in {@code source} ("The JDBC URL" or "The driver property"),
     * could weaken {@code mode}; names the setting and what to use instead.
     */
    static void check(String source, String name, String value, TlsMode mode) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals("service")) {
            throw refused(source, name, "loads connection settings, including sslmode, from a pg_service.conf file",
                    "name the host, port and database in the URL instead");
        }
        if (!key.startsWith("ssl") || HARMLESS.contains(key)) {
            return;
        }
        switch (key) {
            case "sslmode" -> {
                if (mode.encrypted() && mode.sslMode().equalsIgnoreCase(value)) {
                    return; // says what the library sets anyway
                }
                throw refused(source, name + "=" + value, "overrides the TLS mode this library sets (sslmode="
                        + mode.sslMode() + ")", "remove it and choose the mode with limitless.iam.tls.mode"
                        + " (IamDataSource.Builder#tlsMode); verify-full is the only mode that stops an impostor");
            }
            case "ssl" -> {
                if (mode.encrypted() && "true".equalsIgnoreCase(value)) {
                    return;
                }
                throw refused(source, name + "=" + value, "can turn TLS off", "remove it and choose the mode with"
                        + " limitless.iam.tls.mode (IamDataSource.Builder#tlsMode)");
            }
            case "sslrootcert" -> throw refused(source, name, "replaces the CA bundle the server is verified with",
                    "remove it and set the bundle with limitless.iam.tls.root-certificate"
                    + " (IamDataSource.Builder#rootCertificate)");
            default -> throw refused(source, name, "changes how the server's certificate is checked or which"
                    + " client certificate is sent", "remove it: IAM connections verify the server with PgJDBC's own"
                    + " factory against limitless.iam.tls.root-certificate, in the mode limitless.iam.tls.mode");
        }
    }

    private static IamConfigurationException refused(String source, String setting, String effect, String fix) {
        return new IamConfigurationException(source + " sets '" + setting + "', which " + effect + ", but with IAM"
                + " authentication the token travels as the password inside TLS, so a weaker setting would hand it to"
                + " any server that answers: " + fix + ".");
    }
}
