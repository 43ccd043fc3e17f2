package dev.limitless.autoconfigure.activekey;

import dev.limitless.autoconfigure.LimitlessProperties;
import dev.limitless.autoconfigure.guard.PinningProperties;
import dev.limitless.guard.ActiveShardKey;
import dev.limitless.guard.ShardScope;
import dev.limitless.guard.ShardScoped;
import dev.limitless.autoconfigure.topology.TopologyAutoConfiguration;
import dev.limitless.pinning.Topology;
import dev.limitless.repository.internal.ShardScopedInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.aop.Advisor;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The active shard key in a Spring application: {@link ShardScoped} on beans (Spring AOP; repositories get it on their
 * own proxy), {@link ShardKeyResolver} beans applied to every Spring MVC request, and the start-up refusal when the
 * application uses the key on the proxy topology ({@code limitless.topology=proxy} or {@code standard}). The guarded data source
 * sends the {@code SET LOCAL} (see {@code ShardScope#forKey}).
 */
@AutoConfiguration
@ConditionalOnClass({Advisor.class, ShardScopedInterceptor.class})
@ConditionalOnBooleanProperty(name = {"limitless.enabled", "limitless.active-key.enabled"}, matchIfMissing = true)
@EnableConfigurationProperties({LimitlessProperties.class, PinningProperties.class, ActiveKeyProperties.class})
public final class ActiveShardKeyAutoConfiguration {

    private static final boolean SPRING_DATA_PRESENT = ClassUtils.isPresent("org.springframework.data.repository.Repository",
            ActiveShardKeyAutoConfiguration.class.getClassLoader());

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor limitlessShardScopedAdvisor() {
        ComposablePointcut pointcut = new ComposablePointcut(AnnotationMatchingPointcut.forMethodAnnotation(ShardScoped.class))
                .union(new AnnotationMatchingPointcut(ShardScoped.class, true))
                // repositories get the interceptor on their own proxy
                .intersection((ClassFilter) type -> !isRepository(type));
        return new DefaultPointcutAdvisor(pointcut, new ShardScopedInterceptor());
    }

    /**
     * Refuses the start-up when something uses the active key and the configured topology is not Limitless. An unset
     * topology is detected from the database when the application is ready; until then, and if it is not Limitless,
     * a scope refuses its first statement before sending it ({@code ActiveShardKeyUnsupportedException}).
     */
    @Bean
    static SmartInitializingSingleton limitlessActiveShardKeyTopologyCheck(ConfigurableListableBeanFactory beanFactory,
            ObjectProvider<LimitlessProperties> properties, ObjectProvider<PinningProperties> pinning) {
        return () -> {
            Topology topology = TopologyAutoConfiguration.configured(properties.getObject(), pinning.getObject())
                    .orElse(null);
            if (topology == null || topology == Topology.LIMITLESS) {
                return;
            }
            List<String> users = new ArrayList<>();
            for (String name : beanFactory.getBeanNamesForType(ShardKeyResolver.class, false, false)) {
                users.add("ShardKeyResolver bean '" + name + "'");
            }
            for (String name : beanFactory.getBeanDefinitionNames()) {
                Class<?> type = beanFactory.getType(name, false);
                if (type == null) {
                    continue;
                }
                Class<?> user = ClassUtils.getUserClass(type);
                if (ShardScopedInterceptor.anyScoped(user) || anyInterfaceScoped(user)) {
                    users.add("@ShardScoped in bean '" + name + "'");
                }
            }
            if (!users.isEmpty()) {
                throw new ActiveShardKeyTopologyException(users, topology.tag());
            }
        };
    }

    private static boolean anyInterfaceScoped(Class<?> type) {
        for (Class<?> implemented : ClassUtils.getAllInterfacesForClassAsSet(type)) {
            if (!implemented.getName().startsWith("org.springframework.") && ShardScopedInterceptor.anyScoped(implemented)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRepository(Class<?> type) {
        return SPRING_DATA_PRESENT && org.springframework.data.repository.Repository.class.isAssignableFrom(type);
    }

    /** Runs each Spring MVC handler inside the key of the first {@link ShardKeyResolver} that finds one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({WebMvcConfigurer.class, HttpServletRequest.class})
    static final class WebRequests {

        @Bean
        WebMvcConfigurer limitlessShardKeyResolverInterceptor(ObjectProvider<ShardKeyResolver> resolvers) {
            List<ShardKeyResolver> ordered = resolvers.orderedStream().toList();
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    if (!ordered.isEmpty()) {
                        registry.addInterceptor(new ResolvedKeyInterceptor(ordered));
                    }
                }
            };
        }
    }

    /** Opens the scope before the handler and closes it after completion, on the request's thread. */
    static final class ResolvedKeyInterceptor implements HandlerInterceptor {

        private static final String SCOPE = ResolvedKeyInterceptor.class.getName() + ".scope";

        private final List<ShardKeyResolver> resolvers;

        ResolvedKeyInterceptor(List<ShardKeyResolver> resolvers) {
            this.resolvers = resolvers;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
            Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            Map<String, String> pathVariables = variables instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
            for (ShardKeyResolver resolver : resolvers) {
                ActiveShardKey key;
                try {
                    key = resolver.resolve(request, pathVariables);
                } catch (IllegalArgumentException e) {
                    // the message may quote the request's value: not echoed
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST, "The request's shard key is not valid.");
                    return false;
                }
                if (key != null) {
                    request.setAttribute(SCOPE, ShardScope.forKeyUntilClosed(key));
                    return true;
                }
            }
            return true;
        }

        @Override
        public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
            Object scope = request.getAttribute(SCOPE);
            if (scope instanceof ShardScope open) {
                request.removeAttribute(SCOPE);
                open.close();
            }
        }
    }
}
