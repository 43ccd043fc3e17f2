package dev.limitless.repository;

import dev.limitless.guard.AllowScatter;
import dev.limitless.guard.ShardScope;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Runs the {@link AllowScatter} methods of one repository inside {@link ShardScope#allowScatter(String)}: for that
 * invocation only, on the calling thread, closed when the method returns or throws; each such invocation is
 * counted. Other methods pass straight through (one map lookup).
 */
final class AllowScatterInterceptor implements MethodInterceptor {

    private final Map<Method, Allowed> allowed;
    private final Class<?> repositoryInterface;
    private final AllowScatter onRepository;
    private final ScatterCounter counter;

    private AllowScatterInterceptor(Class<?> repositoryInterface, AllowScatter onRepository, Map<Method, Allowed> allowed,
            ScatterCounter counter) {
        this.repositoryInterface = repositoryInterface;
        this.onRepository = onRepository;
        this.allowed = allowed;
        this.counter = counter;
    }

    /** The interceptor for a repository interface, or {@code null} when nothing in it allows scatter. */
    static AllowScatterInterceptor of(Class<?> repositoryInterface, ScatterCounter counter) {
        AllowScatter onRepository = AnnotatedElementUtils.findMergedAnnotation(repositoryInterface, AllowScatter.class);
        Map<Method, Allowed> allowed = new HashMap<>();
        for (Method method : repositoryInterface.getMethods()) {
            AllowScatter onMethod = AnnotatedElementUtils.findMergedAnnotation(method, AllowScatter.class);
            if (onMethod != null) {
                allowed.put(method, new Allowed(onMethod.reason(), counter.forMethod(repositoryInterface, method)));
            }
        }
        if (onRepository == null && allowed.isEmpty()) {
            return null;
        }
        return new AllowScatterInterceptor(repositoryInterface, onRepository, new ConcurrentHashMap<>(allowed), counter);
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Allowed method = allowed.get(invocation.getMethod());
        if (method == null && onRepository != null) {
            method = allowed.computeIfAbsent(invocation.getMethod(), m ->
                    new Allowed(onRepository.reason(), counter.forMethod(repositoryInterface, m)));
        }
        if (method == null) {
            return invocation.proceed();
        }
        method.count().run();
        try (ShardScope scope = ShardScope.allowScatter(method.reason())) {
            return invocation.proceed();
        }
    }

    private record Allowed(String reason, Runnable count) {
    }
}
