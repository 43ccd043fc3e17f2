package dev.limitless.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Properties;
import java.util.function.Function;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is optional: the JDBC layer always loads the metrics interface, the no-op metrics and the pinning
 * detector, so they must run without it.
 */
@LimitlessPostgres(shards = 0)
class MetricsWithoutMicrometerTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void guardedDataSourceWithPinningAndNoopMetricsRunsWithoutMicrometerOnTheClassPath() throws Exception {
        URL[] libraryAndProbe = {codeSource(LimitlessMetrics.class), codeSource(NoMicrometerProbe.class)};
        try (URLClassLoader withoutMicrometer = new URLClassLoader(libraryAndProbe, new HidingLoader())) {
            assertThatThrownBy(() -> withoutMicrometer.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> probeType = withoutMicrometer.loadClass(NoMicrometerProbe.class.getName());
            assertThat(probeType.getClassLoader()).isSameAs(withoutMicrometer);
            @SuppressWarnings("unchecked")
            Function<Properties, String> probe = (Function<Properties, String>) probeType.getConstructor().newInstance();
            Properties connection = new Properties();
            connection.setProperty("url", database.jdbcUrl());
            connection.setProperty("user", database.username());
            connection.setProperty("password", database.password());

            assertThat(probe.apply(connection)).isEqualTo("ran without Micrometer");
        }
    }

    private static URL codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    /** The test class path without Micrometer and without this library (which the child loader reads itself). */
    private static final class HidingLoader extends ClassLoader {

        HidingLoader() {
            super(MetricsWithoutMicrometerTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.micrometer.") || name.startsWith("dev.limitless.")) {
                throw new ClassNotFoundException(name + " is hidden from this test");
            }
            return super.loadClass(name, resolve);
        }
    }
}
