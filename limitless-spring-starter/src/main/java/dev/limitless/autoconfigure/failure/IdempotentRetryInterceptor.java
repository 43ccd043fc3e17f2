package dev.limitless.autoconfigure.failure;

import dev.limitless.failure.IdempotencyKey;
import dev.limitless.failure.Idempotent;
import dev.limitless.failure.TransientRetry;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a call of an {@link Idempotent} method (or one called with a non-null {@link IdempotencyKey}) through the
 * {@link TransientRetry}. It sits outside the transaction interceptor, so each attempt is a whole new transaction;
 * called inside a transaction that is already running, it runs the method once (its failure belongs to the caller's
 * transaction, which is the unit to retry). Each attempt is a fresh copy of the invocation, as Spring's own retry
 * interceptor does.
 */
final class IdempotentRetryInterceptor implements MethodInterceptor {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRetryInterceptor.class);
    /** The whole method is idempotent. */
    private static final int ALWAYS = -1;
    /** Not idempotent: run once. */
    private static final int NEVER = -2;

    private final Supplier<TransientRetry> retrySource;
    private final Map<Method, Integer> keyParameters = new ConcurrentHashMap<>();
    /** Resolved at the first retried call: the advisor is built before the beans the retry needs. */
    private volatile TransientRetry retry;

    IdempotentRetryInterceptor(Supplier<TransientRetry> retry) {
        this.retrySource = retry;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        if (!(invocation instanceof ProxyMethodInvocation proxied)) {
            return invocation.proceed();
        }
        Class<?> target = invocation.getThis() == null ? invocation.getMethod().getDeclaringClass()
                : AopUtils.getTargetClass(invocation.getThis());
        int key = keyParameters.computeIfAbsent(invocation.getMethod(), method -> keyParameter(method, target));
        if (key == NEVER || (key >= 0 && invocation.getArguments()[key] == null)) {
            return invocation.proceed();
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            log.debug("{} runs inside a transaction that is already active: not retried on its own", invocation.getMethod());
            return invocation.proceed();
        }
        TransientRetry resolved = retry;
        if (resolved == null) {
            resolved = retrySource.get();
            retry = resolved;
        }
        return resolved.call(() -> proxied.invocableClone().proceed());
    }

    /** {@link #ALWAYS}, {@link #NEVER} or the index of the {@link IdempotencyKey} parameter. */
    static int keyParameter(Method method, Class<?> target) {
        Method specific = AopUtils.getMostSpecificMethod(method, target);
        if (AnnotatedElementUtils.hasAnnotation(specific, Idempotent.class)
                || AnnotatedElementUtils.hasAnnotation(method, Idempotent.class)
                || AnnotatedElementUtils.hasAnnotation(target, Idempotent.class)) {
            return ALWAYS;
        }
        int index = keyIndex(specific);
        return index >= 0 ? index : keyIndex(method);
    }

    private static int keyIndex(Method method) {
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof IdempotencyKey) {
                    return i;
                }
            }
        }
        return NEVER;
    }

    /** Methods of {@link Idempotent} types, {@link Idempotent} methods and methods with an {@link IdempotencyKey}. */
    static final class Pointcut extends StaticMethodMatcherPointcut {
        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            return keyParameter(method, targetClass) != NEVER;
        }
    }
}
