package dev.limitless.sample;

import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.AllowScatter;
import dev.limitless.guard.ShardScope;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Puts the shard-scope guard in front of the pool, with the shard catalog the starter builds from the annotated
 * entities, and applies {@link AllowScatter} on Spring beans' methods.
 */
@Configuration(proxyBeanMethods = false)
class GuardConfiguration {

    /** Every statement of JdbcClient, Spring Data JDBC and Flyway is checked before the driver sees it. */
    @Bean
    static BeanPostProcessor guardedDataSource(ObjectProvider<ShardCatalog> catalog) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource dataSource && !(bean instanceof GuardedDataSource)) {
                    return new GuardedDataSource(dataSource, ShardScopeGuard.of(catalog.getObject()));
                }
                return bean;
            }
        };
    }

    /** Runs each method annotated {@link AllowScatter} inside a {@link ShardScope} that allows scatter. */
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
