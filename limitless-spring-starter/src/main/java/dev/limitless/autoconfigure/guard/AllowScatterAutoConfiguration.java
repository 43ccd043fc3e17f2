package dev.limitless.autoconfigure.guard;

import dev.limitless.guard.AllowScatter;
import dev.limitless.guard.ShardScope;
import dev.limitless.repository.internal.AllowScatterInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.util.ClassUtils;

/**
 * {@link AllowScatter} on any Spring bean (a service, a report), on a method or on the type: each invocation runs
 * inside {@link ShardScope#allowScatter(String)}, on its own thread only, so the guard lets its scatter statements
 * through. The interceptor is the one the repository support puts on repository proxies (which also counts their
 * invocations), so the rules are the same everywhere; the annotation is looked up once per method.
 */
@AutoConfiguration
@ConditionalOnClass({Advisor.class, AllowScatterInterceptor.class})
@ConditionalOnBooleanProperty(name = {"limitless.enabled", "limitless.guard.enabled"}, matchIfMissing = true)
public final class AllowScatterAutoConfiguration {

    private static final boolean SPRING_DATA_PRESENT = ClassUtils.isPresent("org.springframework.data.repository.Repository",
            AllowScatterAutoConfiguration.class.getClassLoader());

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor limitlessAllowScatterAdvisor() {
        ComposablePointcut pointcut = new ComposablePointcut(AnnotationMatchingPointcut.forMethodAnnotation(AllowScatter.class))
                .union(new AnnotationMatchingPointcut(AllowScatter.class, true))
                // repositories get the interceptor on their own proxy, where their invocations are also counted
                .intersection((ClassFilter) type -> !isRepository(type));
        return new DefaultPointcutAdvisor(pointcut, AllowScatterInterceptor.forBeans());
    }

    private static boolean isRepository(Class<?> type) {
        return SPRING_DATA_PRESENT && org.springframework.data.repository.Repository.class.isAssignableFrom(type);
    }
}
