package dev.limitless.repository.internal;

import dev.limitless.repository.ScatterCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import org.springframework.beans.factory.BeanFactory;

/**
 * Counts {@code @AllowScatter} invocations as {@code limitless.repository.scatter.allowed} (tags {@code repository},
 * {@code method}: bounded by the methods of the application). Only loaded when Micrometer is on the class path.
 */
public final class MicrometerScatterCounter implements ScatterCounter {

    public static final String METER = "limitless.repository.scatter.allowed";

    private final MeterRegistry registry;

    public MicrometerScatterCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The counter of the context's meter registry, or {@link ScatterCounter#NONE} when it has none. */
    public static ScatterCounter of(BeanFactory beanFactory) {
        MeterRegistry registry = beanFactory.getBeanProvider(MeterRegistry.class).getIfUnique();
        return registry == null ? NONE : new MicrometerScatterCounter(registry);
    }

    @Override
    public Runnable forMethod(Class<?> repository, Method method) {
        Counter counter = Counter.builder(METER)
                .description("Invocations of repository methods annotated @AllowScatter")
                .tag("repository", repository.getSimpleName())
                .tag("method", method.getName())
                .register(registry);
        return counter::increment;
    }
}
