package dev.limitless.iam;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PgJDBC settings that keep a session multiplexable behind RDS Proxy (or PgBouncer): the driver then sends nothing
 * that pins a session. Without {@code ApplicationName} the driver issues {@code SET application_name}; below
 * {@code assumeMinServerVersion=9.0} it issues {@code SET extra_float_digits}; both now travel in the start-up
 * packet instead. {@code prepareThreshold=0} keeps the driver on unnamed statements, which every pooler handles
 * (RDS Proxy no longer pins on named protocol-level statements; raise it there if you measured a gain). A pool-level
 * transaction isolation would send {@code SET SESSION CHARACTERISTICS}, so {@link IamHikari} refuses one.
 */
final class ProxySafeDriverDefaults {

    /** The chosen threshold: never switch to named server-side prepared statements. */
    static final int PREPARE_THRESHOLD = 0;

    private ProxySafeDriverDefaults() {
    }

    static Map<String, String> properties(String applicationName) {
        if (applicationName == null || applicationName.isBlank()) {
            throw new IamConfigurationException("Proxy-safe driver defaults need an application name (it replaces the"
                    + " driver's SET application_name): set limitless.iam.application-name, e.g. to the function name.");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("ApplicationName", applicationName);
        properties.put("assumeMinServerVersion", "9.0");
        properties.put("prepareThreshold", Integer.toString(PREPARE_THRESHOLD));
        return properties;
    }
}
