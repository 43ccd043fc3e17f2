package dev.limitless.autoconfigure.iam;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.autoconfigure.LimitlessProperties;
import dev.limitless.autoconfigure.guard.PinningProperties;
import dev.limitless.autoconfigure.topology.TopologyAutoConfiguration;
import dev.limitless.iam.AwsWrapperConfiguration;
import dev.limitless.iam.IamConfigurationException;
import dev.limitless.iam.IamDataSource;
import dev.limitless.iam.IamHikari;
import dev.limitless.iam.IamTokenCache;
import dev.limitless.iam.IamTokenListener;
import dev.limitless.pinning.Topology;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * With {@code limitless.iam.enabled=true}, the application's HikariCP pool authenticates with IAM tokens: before
 * the pool starts, its JDBC URL and user become an {@link IamDataSource} and a credentials provider that answers with
 * the cached token (mode {@code data-source}), or the AWS Advanced JDBC Wrapper's URL and plugins (mode
 * {@code aws-wrapper}). One {@link IamTokenCache} bean serves every pool; give your own to change the credentials.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(name = {"com.zaxxer.hikari.HikariDataSource", IamAutoConfiguration.AWS_SDK_RDS})
@ConditionalOnBooleanProperty(name = "limitless.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("limitless.iam.enabled")
@EnableConfigurationProperties({LimitlessProperties.class, PinningProperties.class, IamProperties.class})
public final class IamAutoConfiguration {

    /** The AWS SDK class IAM tokens are minted with; the SDK is an optional dependency of limitless. */
    static final String AWS_SDK_RDS = "software.amazon.awssdk.services.rds.RdsUtilities";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    IamTokenCache limitlessIamTokenCache(IamProperties properties, ObjectProvider<AwsCredentialsProvider> credentials,
            ObjectProvider<IamTokenListener> listeners) {
        IamTokenCache.Builder builder = IamTokenCache.builder().refreshAhead(properties.getRefreshAhead());
        credentials.ifAvailable(builder::credentialsProvider);
        List<IamTokenListener> all = listeners.orderedStream().toList();
        if (!all.isEmpty()) {
            builder.listener(refresh -> all.forEach(listener -> listener.onRefresh(refresh)));
        }
        return builder.build();
    }

    @Bean
    static BeanPostProcessor limitlessIamDataSourcePostProcessor(ObjectProvider<IamProperties> properties,
            ObjectProvider<LimitlessProperties> limitless, ObjectProvider<PinningProperties> pinning,
            ObjectProvider<IamTokenCache> tokenCache, Environment environment, ResourceLoader resourceLoader) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && !(pool.getDataSource() instanceof IamDataSource)) {
                    configure(pool, properties.getObject(), TopologyAutoConfiguration.configured(limitless.getObject(),
                            pinning.getObject()), tokenCache.getObject(), environment, resourceLoader.getClassLoader());
                }
                return bean;
            }
        };
    }

    static void configure(HikariDataSource pool, IamProperties iam, Optional<Topology> topology, IamTokenCache tokenCache,
            Environment environment, ClassLoader classLoader) {
        if (!StringUtils.hasText(pool.getJdbcUrl())) {
            throw new IamConfigurationException("limitless.iam.enabled=true needs spring.datasource.url: the RDS Proxy"
                    + " endpoint or the Limitless shard-group endpoint, e.g. jdbc:postgresql://ledger.shardgrp-abc.eu-west-1.rds.amazonaws.com:5432/postgres_limitless");
        }
        if (StringUtils.hasText(pool.getPassword())) {
            throw new IamConfigurationException("limitless.iam.enabled=true, but spring.datasource.password is also set:"
                    + " IAM tokens replace the password. Remove spring.datasource.password (and any secret holding it).");
        }
        String user = StringUtils.hasText(iam.getUser()) ? iam.getUser() : pool.getUsername();
        if (!StringUtils.hasText(user)) {
            throw new IamConfigurationException("limitless.iam.enabled=true needs a database user: set limitless.iam.user"
                    + " or spring.datasource.username (the user must have GRANT rds_iam)");
        }
        IamDataSource.Builder builder = IamDataSource.builder()
                .jdbcUrl(pool.getJdbcUrl())
                .user(user)
                .tlsMode(iam.getTls().getMode())
                .tokenCache(tokenCache);
        if (StringUtils.hasText(iam.getRegion())) {
            builder.region(Region.of(iam.getRegion()));
        }
        if (StringUtils.hasText(iam.getSigningHost())) {
            builder.signingHost(iam.getSigningHost());
        }
        if (iam.getSigningPort() != null) {
            builder.signingPort(iam.getSigningPort());
        }
        if (iam.getTls().getRootCertificate() != null) {
            builder.rootCertificate(iam.getTls().getRootCertificate());
        }
        // spring.datasource.hikari.data-source-properties.*: kept, and checked like URL parameters (a pool with a
        // data source set would otherwise ignore them, and sslmode=require there would weaken TLS unnoticed)
        pool.getDataSourceProperties().forEach((name, value) -> builder.driverProperty(name.toString(),
                value == null ? null : value.toString()));
        if (iam.isProxySafeDriverDefaults()) {
            String name = StringUtils.hasText(iam.getApplicationName()) ? iam.getApplicationName()
                    : environment.getProperty("spring.application.name", "limitless");
            builder.proxySafeDriverDefaults(name);
        }
        if (iam.getMode() == IamProperties.Mode.AWS_WRAPPER) {
            if (!ClassUtils.isPresent(AwsWrapperConfiguration.DRIVER_CLASS_NAME, classLoader)) {
                throw new IamConfigurationException("limitless.iam.mode=aws-wrapper needs the AWS Advanced JDBC Wrapper on"
                        + " the class path: add software.amazon.jdbc:aws-advanced-jdbc-wrapper, or use limitless.iam.mode=data-source");
            }
            topology.ifPresent(builder::topology);
            AwsWrapperConfiguration wrapper = builder.buildAwsWrapperConfiguration();
            pool.setJdbcUrl(wrapper.jdbcUrl());
            pool.setDriverClassName(wrapper.driverClassName());
            pool.setDataSourceProperties(wrapper.asProperties());
            pool.setUsername(user);
            return;
        }
        IamHikari.configure(pool, builder.build());
    }
}
