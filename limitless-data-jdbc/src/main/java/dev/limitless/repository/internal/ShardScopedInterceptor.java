package dev.limitless.repository.internal;

import dev.limitless.guard.ShardScope;
import dev.limitless.guard.ShardScoped;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Applies {@link ShardScoped}: an invocation of an annotated method (or of a method of an annotated type) with key
 * expressions runs inside {@link ShardScope#forKey(Object...)} with their values; one without key expressions must run
 * inside an active key already. Expressions are parsed once per method; evaluation reads only the arguments.
 */
public final class ShardScopedInterceptor implements MethodInterceptor {

    private static final ExpressionParser PARSER = new SpelExpressionParser();
    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();
    private static final Expression[] NONE = new Expression[0];

    private final ConcurrentMap<Method, Scoped> scoped = new ConcurrentHashMap<>();

    /** Whether anything in {@code type} (the type or one of its methods) is annotated {@link ShardScoped}. */
    public static boolean anyScoped(Class<?> type) {
        if (AnnotatedElementUtils.hasAnnotation(type, ShardScoped.class)) {
            return true;
        }
        for (Method method : type.getMethods()) {
            if (AnnotatedElementUtils.hasAnnotation(method, ShardScoped.class)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = invocation.getMethod();
        Scoped found = scoped.get(method);
        if (found == null) {
            found = lookUp(method, invocation.getThis() == null ? method.getDeclaringClass()
                    : AopUtils.getTargetClass(invocation.getThis()));
            scoped.put(method, found);
        }
        if (found.annotation == null) {
            return invocation.proceed();
        }
        if (found.key.length == 0) {
            if (ShardScope.activeKey() == null) {
                throw new IllegalStateException(describe(method) + " is @ShardScoped without a key, so it runs inside the"
                        + " caller's active shard key, and none is active on this thread. Call it inside"
                        + " ShardScope.forKey(...), a method annotated @ShardScoped(key = \"#...\"), or a request whose"
                        + " ShardKeyResolver found a key.");
            }
            return invocation.proceed();
        }
        Object[] values = new Object[found.key.length];
        MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(null, method, invocation.getArguments(), NAMES);
        for (int i = 0; i < values.length; i++) {
            values[i] = found.key[i].getValue(context);
            if (values[i] == null) {
                throw new IllegalArgumentException(describe(method) + ": @ShardScoped key expression "
                        + found.key[i].getExpressionString() + " gave null; every shard-key value must be present");
            }
        }
        try (ShardScope scope = ShardScope.forKey(values)) {
            return invocation.proceed();
        }
    }

    private static Scoped lookUp(Method method, Class<?> target) {
        ShardScoped annotation = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getMostSpecificMethod(method, target),
                ShardScoped.class);
        if (annotation == null) {
            annotation = AnnotatedElementUtils.findMergedAnnotation(method, ShardScoped.class);
        }
        if (annotation == null) {
            annotation = AnnotatedElementUtils.findMergedAnnotation(target, ShardScoped.class);
        }
        if (annotation == null) {
            annotation = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), ShardScoped.class);
        }
        if (annotation == null) {
            return new Scoped(null, NONE);
        }
        Expression[] key = new Expression[annotation.key().length];
        for (int i = 0; i < key.length; i++) {
            try {
                key[i] = PARSER.parseExpression(annotation.key()[i]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(describe(method) + ": @ShardScoped key expression '"
                        + annotation.key()[i] + "' is not valid SpEL: " + e.getMessage(), e);
            }
        }
        return new Scoped(annotation, key);
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }

    private record Scoped(ShardScoped annotation, Expression[] key) {
    }
}
