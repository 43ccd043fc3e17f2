package dev.limitless.autoconfigure;

import dev.limitless.autoconfigure.UnknownPropertiesException.UnknownProperty;
import dev.limitless.policy.PolicyAction;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Refuses (or warns about) {@code limitless.*} properties limitless does not have, before any bean is created.
 * The known names are the starter's configuration metadata, as listed in {@value #KNOWN}; a name below a map or list
 * property ({@code limitless.pinning.actions.set}, {@code limitless.catalog.entity-packages[0]}) is known through it.
 *
 * <p>Only the application's own configuration is checked (its properties and YAML files, command-line arguments, test
 * property sources, default properties): JVM system properties and OS environment variables are not, since build and
 * test tools keep settings of their own under the same prefix there (e.g. {@code limitless.test.*}).
 */
final class UnknownPropertiesCheck implements BeanFactoryPostProcessor {

    /** The known properties, one per line: {@code name | type | default ...}; every module may ship one. */
    static final String KNOWN = "META-INF/limitless/configuration-properties.txt";

    static final String SETTING = "limitless.unknown-properties";

    private static final Logger log = LoggerFactory.getLogger(UnknownPropertiesCheck.class);

    private static final ConfigurationPropertyName LIMITLESS = ConfigurationPropertyName.of("limitless");

    /** The source Spring Boot attaches to every environment, which repeats all the others. */
    private static final String ATTACHED = "configurationProperties";

    private final Environment environment;

    UnknownPropertiesCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        PolicyAction action = Binder.get(environment).bind(SETTING, PolicyAction.class).orElse(PolicyAction.REFUSE);
        if (action == PolicyAction.ALLOW || !(environment instanceof ConfigurableEnvironment configurable)) {
            return;
        }
        List<UnknownProperty> unknown = unknown(configurable, known(beanFactory.getBeanClassLoader()));
        if (unknown.isEmpty()) {
            return;
        }
        if (action == PolicyAction.REFUSE) {
            throw new UnknownPropertiesException(unknown);
        }
        log.warn("{}\nSpring ignores them, so what they meant is not in force. Correct or remove them.",
                UnknownPropertiesException.describe(unknown));
    }

    /** Known property names, with whether each is a map or list (so names below it are known too). */
    static Map<ConfigurationPropertyName, Boolean> known(ClassLoader classLoader) {
        Map<ConfigurationPropertyName, Boolean> known = new LinkedHashMap<>();
        try {
            Enumeration<URL> lists = (classLoader != null ? classLoader : UnknownPropertiesCheck.class.getClassLoader())
                    .getResources(KNOWN);
            while (lists.hasMoreElements()) {
                try (InputStream in = lists.nextElement().openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        String[] fields = line.split("\\|");
                        if (line.isBlank() || line.startsWith("#") || fields.length < 2) {
                            continue;
                        }
                        String type = fields[1].strip();
                        known.put(ConfigurationPropertyName.of(fields[0].strip()), type.startsWith("java.util.Map<")
                                || type.startsWith("java.util.List<") || type.startsWith("java.util.Set<") || type.endsWith("[]"));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + KNOWN + ": " + e.getMessage(), e);
        }
        if (known.isEmpty()) {
            throw new IllegalStateException(KNOWN + " is missing from the class path: the limitless starter jar is incomplete");
        }
        return known;
    }

    static List<UnknownProperty> unknown(ConfigurableEnvironment environment, Map<ConfigurationPropertyName, Boolean> known) {
        Map<String, UnknownProperty> unknown = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.from(applicationSources(environment))) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.stream().filter(name -> LIMITLESS.isAncestorOf(name) && !isKnown(name, known)).forEach(name -> {
                ConfigurationProperty property = iterable.getConfigurationProperty(name);
                String origin = property == null || property.getOrigin() == null ? null : property.getOrigin().toString();
                unknown.putIfAbsent(name.toString(), new UnknownProperty(name.toString(), origin, suggestion(name, known)));
            });
        }
        return new ArrayList<>(unknown.values());
    }

    private static List<PropertySource<?>> applicationSources(ConfigurableEnvironment environment) {
        List<PropertySource<?>> sources = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            String name = source.getName();
            if (!name.equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
                    && !name.equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                    && !name.equals(ATTACHED)) {
                sources.add(source);
            }
        }
        return sources;
    }

    private static boolean isKnown(ConfigurationPropertyName name, Map<ConfigurationPropertyName, Boolean> known) {
        if (known.containsKey(name)) {
            return true;
        }
        for (ConfigurationPropertyName parent = name.getParent(); !parent.isEmpty(); parent = parent.getParent()) {
            if (Boolean.TRUE.equals(known.get(parent))) {
                return true;
            }
        }
        return false;
    }

    /** The known name nearest by edit distance, when it is close enough to be a misspelling. */
    static String suggestion(ConfigurationPropertyName name, Map<ConfigurationPropertyName, Boolean> known) {
        String text = name.toString();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigurationPropertyName candidate : known.keySet()) {
            int distance = distance(text, candidate.toString());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate.toString();
            }
        }
        return bestDistance <= Math.max(2, text.length() / 6) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
