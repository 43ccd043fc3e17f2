package dev.limitless.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@code limitless.unknown-properties} (default {@code refuse}): a {@code limitless.*} property limitless does not have
 * stops start-up naming it, where it was set and the property it most resembles, before any bean is created. A
 * misspelt name is otherwise ignored by Spring, and the refusal or switch it meant would silently not be in force.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "limitless.enabled", matchIfMissing = true)
public final class UnknownPropertiesAutoConfiguration {

    @Bean
    static UnknownPropertiesCheck limitlessUnknownPropertiesCheck(Environment environment) {
        return new UnknownPropertiesCheck(environment);
    }
}
