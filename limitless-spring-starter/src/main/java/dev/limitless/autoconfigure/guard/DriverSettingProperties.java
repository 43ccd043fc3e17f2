package dev.limitless.autoconfigure.guard;

import dev.limitless.pinning.DriverSettingFinding;
import java.util.Map;

/**
 * The Spring Boot property behind each driver-setting finding: the core check names PgJDBC and HikariCP settings, but
 * a Spring Boot application sets them through {@code spring.datasource.*}, so every warning names that property.
 */
final class DriverSettingProperties {

    // keyed by the setting a finding names (DriverSettingsCheck); the values are what to write in application.properties
    private static final Map<String, String> SPRING_PROPERTIES = Map.of(
            "PgJDBC ApplicationName", "spring.datasource.hikari.data-source-properties.ApplicationName=<your service name>",
            "PgJDBC assumeMinServerVersion", "spring.datasource.hikari.data-source-properties.assumeMinServerVersion=16",
            "HikariCP transactionIsolation", "spring.datasource.hikari.transaction-isolation (remove it)",
            "HikariCP readOnly", "spring.datasource.hikari.read-only (remove it) or spring.datasource.hikari.data-source-properties.readOnlyMode=transaction",
            "HikariCP schema", "spring.datasource.hikari.schema (remove it)",
            "HikariCP connectionInitSql", "spring.datasource.hikari.connection-init-sql (remove it)",
            "HikariCP connectionTestQuery", "spring.datasource.hikari.connection-test-query (remove it)");

    private DriverSettingProperties() {
    }

    /** The finding with its fix extended by the Spring property to set; unchanged when no property is known. */
    static DriverSettingFinding withSpringProperty(DriverSettingFinding finding) {
        for (Map.Entry<String, String> entry : SPRING_PROPERTIES.entrySet()) {
            if (finding.setting().startsWith(entry.getKey())) {
                return new DriverSettingFinding(finding.setting(), finding.problem(),
                        finding.fix() + " In Spring Boot: " + entry.getValue() + ".");
            }
        }
        return finding;
    }
}
