package dev.limitless.autoconfigure;

import java.util.List;

/**
 * The application sets {@code limitless.*} properties that limitless does not have: Spring ignores a misspelt name,
 * so the setting it meant (a refusal, a switch) would silently not be in force. Carries each unknown name with where
 * it was set and the known name it most resembles, for {@link UnknownPropertiesFailureAnalyzer}. Values are never
 * included: they may be secrets.
 */
public final class UnknownPropertiesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<UnknownProperty> properties;

    UnknownPropertiesException(List<UnknownProperty> properties) {
        super(describe(properties));
        this.properties = List.copyOf(properties);
    }

    /** The unknown properties, in the order they were found. */
    public List<UnknownProperty> properties() {
        return properties;
    }

    static String describe(List<UnknownProperty> properties) {
        StringBuilder text = new StringBuilder(properties.size() == 1 ? "Unknown limitless property:"
                : "Unknown limitless properties:");
        for (UnknownProperty property : properties) {
            text.append("\n  - ").append(property.name());
            if (property.origin() != null) {
                text.append(" (").append(property.origin()).append(')');
            }
            if (property.suggestion() != null) {
                text.append(": did you mean ").append(property.suggestion()).append('?');
            }
        }
        return text.toString();
    }

    /**
     * One unknown property.
     *
     * @param name the property as Spring Boot names it, e.g. {@code limitless.guard.scater}
     * @param origin where it was set, e.g. {@code class path resource [application.properties] - 3:1}, or null
     * @param suggestion the known property it most resembles, or null
     */
    public record UnknownProperty(String name, String origin, String suggestion) {
    }
}
