package dev.limitless.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.activekey.ActiveKeyProperties;
import dev.limitless.autoconfigure.activekey.ActiveShardKeyAutoConfiguration;
import dev.limitless.autoconfigure.ddl.DdlAutoConfiguration;
import dev.limitless.autoconfigure.ddl.DdlProperties;
import dev.limitless.autoconfigure.repository.RepositoriesProperties;
import dev.limitless.autoconfigure.repository.RepositoryAutoConfiguration;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Each auto-configuration enables the properties classes it reads (a class read but enabled only elsewhere would be
 * missing whenever that other auto-configuration backs off), and no other, except the one whose switches its
 * conditions read (bound so that a misspelt value of that concern still stops start-up).
 */
class PropertiesEnabledWhereReadTest {

    /** Enabled for their conditions' switches, not read by a bean method. */
    private static final Map<Class<?>, Set<Class<?>>> SWITCHES = Map.of(
            DdlAutoConfiguration.class, Set.of(DdlProperties.class),
            ActiveShardKeyAutoConfiguration.class, Set.of(ActiveKeyProperties.class),
            RepositoryAutoConfiguration.class, Set.of(RepositoriesProperties.class));

    @Test
    void everyAutoConfigurationEnablesExactlyThePropertiesItReads() throws ClassNotFoundException {
        List<String> autoConfigurations = new ArrayList<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(name -> {
            if (name.startsWith("dev.limitless.")) {
                autoConfigurations.add(name);
            }
        });
        assertThat(autoConfigurations).hasSizeGreaterThan(15);
        for (String name : autoConfigurations) {
            Class<?> autoConfiguration = Class.forName(name);
            Set<Class<?>> enabled = new HashSet<>();
            Set<Class<?>> read = new HashSet<>();
            collect(autoConfiguration, enabled, read);
            Set<Class<?>> expected = new HashSet<>(read);
            expected.addAll(SWITCHES.getOrDefault(autoConfiguration, Set.of()));
            assertThat(enabled).as("properties enabled by %s", autoConfiguration.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static void collect(Class<?> type, Set<Class<?>> enabled, Set<Class<?>> read) {
        EnableConfigurationProperties enable = type.getAnnotation(EnableConfigurationProperties.class);
        if (enable != null) {
            enabled.addAll(Arrays.asList(enable.value()));
        }
        List<Executable> readers = new ArrayList<>(Arrays.asList(type.getDeclaredConstructors()));
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Bean.class)) {
                readers.add(method);
            }
        }
        for (Executable reader : readers) {
            for (Type parameter : reader.getGenericParameterTypes()) {
                Class<?> parameterClass = parameter instanceof ParameterizedType generic
                        && generic.getActualTypeArguments()[0] instanceof Class<?> argument ? argument
                        : parameter instanceof Class<?> plain ? plain : Object.class;
                if (parameterClass.isAnnotationPresent(ConfigurationProperties.class)) {
                    read.add(parameterClass);
                }
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            collect(nested, enabled, read);
        }
    }
}
