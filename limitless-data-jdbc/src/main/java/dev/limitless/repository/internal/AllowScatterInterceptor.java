package dev.limitless.repository.internal;

import dev.limitless.repository.ScatterCounter;
import dev.limitless.guard.AllowScatter;
import dev.limitless.guard.ShardScope;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The one {@link AllowScatter} interceptor, for repositories and any other Spring bean: an invocation of a method
 * annotated {@code @AllowScatter}, or of any method of an annotated type (class, interface or repository), runs inside
 * {@link ShardScope#allowScatter(String)}, on the calling thread only, closed when the method returns or throws.
 * The annotation is looked up once per method and cached; after that an invocation costs one map lookup.
 */
public final class AllowScatterInterceptor implements MethodInterceptor {

    private final Class<?> repositoryInterface;
    private final ScatterCounter counter;
    private final ConcurrentMap<Method, Allowed> allowed = new ConcurrentHashMap<>();

    private AllowScatterInterceptor(Class<?> repositoryInterface, ScatterCounter counter) {
        this.repositoryInterface = repositoryInterface;
        this.counter = counter;
    }

    /** For the methods of beans advised by Spring AOP: the method, then its class (and interfaces), are looked up. */
    public static AllowScatterInterceptor forBeans() {
        return new AllowScatterInterceptor(null, ScatterCounter.NONE);
    }

    /**
     * For one repository proxy: the method, then the repository interface, are looked up; each allowed invocation
     * is counted on {@code counter} (tags: the repository interface and the method).
     */
    public static AllowScatterInterceptor forRepository(Class<?> repositoryInterface, ScatterCounter counter) {
        AllowScatterInterceptor interceptor = new AllowScatterInterceptor(repositoryInterface, counter);
        // the counters of annotated methods exist from the start, so dashboards show zero rather than nothing
        for (Method method : repositoryInterface.getMethods()) {
            if (AnnotatedElementUtils.hasAnnotation(method, AllowScatter.class)) {
                interceptor.allowed.put(method, interceptor.lookUp(method, repositoryInterface));
            }
        }
        return interceptor;
    }

    /**
     * Adds {@link #forRepository} to a repository proxy being built (a Spring Data {@code RepositoryProxyPostProcessor}),
     * when anything in the repository interface allows scatter; else leaves the proxy as it is. The counter is asked
     * for only then (resolving it may create the meter registry).
     */
    public static void adviseRepository(ProxyFactory proxy, Class<?> repositoryInterface, Supplier<ScatterCounter> counter) {
        if (anyAllowed(repositoryInterface)) {
            proxy.addAdvice(forRepository(repositoryInterface, counter.get()));
        }
    }

    /** Whether anything in the repository interface allows scatter (else the repository proxy needs no interceptor). */
    public static boolean anyAllowed(Class<?> repositoryInterface) {
        if (AnnotatedElementUtils.hasAnnotation(repositoryInterface, AllowScatter.class)) {
            return true;
        }
        for (Method method : repositoryInterface.getMethods()) {
            if (AnnotatedElementUtils.hasAnnotation(method, AllowScatter.class)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = invocation.getMethod();
        Class<?> owner = owner(invocation);
        Allowed found = allowed.get(method);
        if (found == null || found.owner() != owner) {
            found = lookUp(method, owner);
            // one owner per method in practice; a method inherited by several advised classes is looked up again
            allowed.put(method, found);
        }
        if (found.reason() == null) {
            return invocation.proceed();
        }
        found.count().run();
        try (ShardScope scope = ShardScope.allowScatter(found.reason())) {
            return invocation.proceed();
        }
    }

    private Class<?> owner(MethodInvocation invocation) {
        if (repositoryInterface != null) {
            return repositoryInterface;
        }
        Object target = invocation.getThis();
        return target == null ? invocation.getMethod().getDeclaringClass() : AopUtils.getTargetClass(target);
    }

    private Allowed lookUp(Method method, Class<?> owner) {
        AllowScatter annotation = AnnotatedElementUtils.findMergedAnnotation(
                repositoryInterface != null ? method : AopUtils.getMostSpecificMethod(method, owner), AllowScatter.class);
        if (annotation == null) {
            annotation = AnnotatedElementUtils.findMergedAnnotation(owner, AllowScatter.class);
        }
        if (annotation == null) {
            return new Allowed(owner, null, null);
        }
        Runnable count = repositoryInterface != null ? counter.forMethod(repositoryInterface, method) : () -> { };
        return new Allowed(owner, annotation.reason(), count);
    }

    private record Allowed(Class<?> owner, String reason, Runnable count) {
    }
}
