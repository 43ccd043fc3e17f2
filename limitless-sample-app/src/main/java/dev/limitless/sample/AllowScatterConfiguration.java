package dev.limitless.sample;

import dev.limitless.guard.AllowScatter;
import dev.limitless.guard.ShardScope;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Applies {@link AllowScatter} on Spring beans' methods: each runs inside a {@link ShardScope} that lets the guard
 * (which the starter puts in front of the pool) pass its scatter statements.
 */
@Configuration(proxyBeanMethods = false)
class AllowScatterConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor allowScatterAdvisor() {
        MethodInterceptor interceptor = invocation -> {
            AllowScatter allow = AnnotatedElementUtils.findMergedAnnotation(
                    AopUtils.getMostSpecificMethod(invocation.getMethod(), invocation.getThis().getClass()), AllowScatter.class);
            try (ShardScope ignored = ShardScope.allowScatter(allow.reason())) {
                return invocation.proceed();
            }
        };
        return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(AllowScatter.class), interceptor);
    }
}
