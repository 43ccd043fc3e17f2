package dev.limitless.autoconfigure.guard;

import dev.limitless.guard.AllowScatter;
import dev.limitless.guard.ShardScope;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * {@link AllowScatter} on methods of any Spring bean (a service, a report): each invocation runs inside
 * {@link ShardScope#allowScatter(String)}, on its own thread only, so the guard lets its scatter statements through.
 * Spring Data repositories are left to the repository support, which also counts their invocations.
 */
@AutoConfiguration
@ConditionalOnClass(Advisor.class)
@ConditionalOnBooleanProperty(name = {"limitless.enabled", "limitless.guard.enabled"}, matchIfMissing = true)
public final class AllowScatterAutoConfiguration {


    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor limitlessAllowScatterAdvisor() {
        MethodInterceptor interceptor = invocation -> {
            Class<?> target = invocation.getThis() == null ? invocation.getMethod().getDeclaringClass() : invocation.getThis().getClass();
            AllowScatter allow = AnnotatedElementUtils.findMergedAnnotation(
                    AopUtils.getMostSpecificMethod(invocation.getMethod(), target), AllowScatter.class);
            if (allow == null) {
                return invocation.proceed();
            }
            try (ShardScope scope = ShardScope.allowScatter(allow.reason())) {
                return invocation.proceed();
            }
        };
        ComposablePointcut pointcut = new ComposablePointcut(AnnotationMatchingPointcut.forMethodAnnotation(AllowScatter.class))
                .intersection((ClassFilter) type -> !isRepository(type));
        return new DefaultPointcutAdvisor(pointcut, interceptor);
    }

    private static boolean isRepository(Class<?> type) {
        return ClassUtils.isPresent("org.springframework.data.repository.Repository", AllowScatterAutoConfiguration.class.getClassLoader())
                && org.springframework.data.repository.Repository.class.isAssignableFrom(type);
    }
}
