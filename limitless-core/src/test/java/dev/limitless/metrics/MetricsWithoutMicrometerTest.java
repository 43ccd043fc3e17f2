package dev.limitless.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.Test;

/** The JDBC layer always loads the metrics interface and the pinning detector: they must not need Micrometer. */
class MetricsWithoutMicrometerTest {

    @Test
    void noopMetricsAndPinningRunWithoutMicrometerOnTheClassPath() throws Exception {
        try (URLClassLoader withoutMicrometer = new URLClassLoader(new URL[] {coreClasses()}, new HidingLoader())) {
            assertThatThrownBy(() -> withoutMicrometer.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);

            Class<?> metricsType = withoutMicrometer.loadClass(LimitlessMetrics.class.getName());
            assertThat(metricsType.getClassLoader()).isSameAs(withoutMicrometer);
            Object metrics = metricsType.getMethod("noop").invoke(null);
            Class<?> operation = withoutMicrometer.loadClass(StatementOperation.class.getName());
            Object meters = metricsType.getMethod("statementMeters", String.class, String.class, operation)
                    .invoke(metrics, "single_shard", "public.accounts", operation.getEnumConstants()[0]);
            Object sample = withoutMicrometer.loadClass(StatementMeters.class.getName()).getMethod("start").invoke(meters);
            withoutMicrometer.loadClass(StatementSample.class.getName()).getMethod("success").invoke(sample);

            Class<?> classifier = withoutMicrometer.loadClass("dev.limitless.pinning.PinningClassifier");
            Object risks = classifier.getMethod("classify", String.class).invoke(null, "SELECT 1");
            Class<?> policy = withoutMicrometer.loadClass("dev.limitless.pinning.PinningPolicy");
            Class<?> detectorType = withoutMicrometer.loadClass("dev.limitless.pinning.PinningDetector");
            Object detector = detectorType.getConstructor(policy).newInstance(policy.getMethod("defaults").invoke(null));
            Method check = detectorType.getMethod("check", String.class, risks.getClass(), boolean.class);
            check.invoke(detector, "SELECT 1", risks, false);
        }
    }

    private static URL coreClasses() {
        return LimitlessMetrics.class.getProtectionDomain().getCodeSource().getLocation();
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
