package dev.limitless.repository;

import dev.limitless.repository.internal.MicrometerScatterCounter;
import java.lang.reflect.Method;

/**
 * Counts invocations of {@code @AllowScatter} repository methods; one counter per method, built once. A bean of this
 * type is used by the repository support ({@link MicrometerScatterCounter} records
 * {@code limitless.repository.scatter.allowed}).
 */
public interface ScatterCounter {

    /** A counter of no meter registry: counts nothing. */
    ScatterCounter NONE = (repository, method) -> () -> {
    };

    /** The action that counts one invocation of {@code method}; called once per method, run per invocation. */
    Runnable forMethod(Class<?> repository, Method method);
}
