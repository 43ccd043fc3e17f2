package dev.limitless.autoconfigure.topology;

import dev.limitless.autoconfigure.LimitlessProperties;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.autoconfigure.guard.PinningProperties;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.Topology;
import dev.limitless.pinning.internal.TopologyDetection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * {@code limitless.topology}: when the application is ready, the database is asked what it is
 * ({@link TopologyDetection}: Limitless' router-endpoint function, its catalog, the database
 * {@code postgres_limitless}; never the host name alone). Unset, a Limitless database turns the pinning detector to
 * {@link Topology#LIMITLESS}; set to {@code proxy} or {@code standard} against a Limitless database, start-up fails
 * ({@link TopologyMismatchException}), since RDS Proxy is not supported there. A database that cannot be reached is
 * logged and the configured (or default {@code proxy}) topology stands.
 */
@AutoConfiguration(after = GuardAutoConfiguration.class)
@ConditionalOnClass(TopologyDetection.class)
@ConditionalOnBooleanProperty(name = "limitless.enabled", matchIfMissing = true)
@EnableConfigurationProperties({LimitlessProperties.class, PinningProperties.class})
public final class TopologyAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TopologyAutoConfiguration.class);

    /** The topology set by {@code limitless.topology}, else by its deprecated alias {@code limitless.pinning.topology}. */
    @SuppressWarnings("deprecation")
    public static Optional<Topology> configured(LimitlessProperties properties, PinningProperties pinning) {
        if (properties.getTopology() != null) {
            return Optional.of(properties.getTopology());
        }
        return Optional.ofNullable(pinning.getTopology());
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> limitlessTopologyCheck(LimitlessProperties properties, PinningProperties pinningProperties,
            ObjectProvider<DataSource> dataSource, ObjectProvider<PinningDetector> pinning) {
        return event -> check(configured(properties, pinningProperties), dataSource.getIfUnique(), pinning.getIfUnique());
    }

    static void check(Optional<Topology> configured, DataSource dataSource, PinningDetector pinning) {
        if (dataSource == null) {
            return;
        }
        TopologyDetection.Evidence evidence;
        try (Connection connection = dataSource.getConnection()) {
            evidence = TopologyDetection.inspect(connection);
        } catch (SQLException e) {
            log.warn("Could not ask the database for its topology ({}); keeping limitless.topology={}. Set"
                    + " limitless.topology to silence this.", e.getMessage(), configured.orElse(Topology.PROXY).tag());
            return;
        }
        if (evidence.limitless()) {
            if (configured.isPresent() && configured.get() != Topology.LIMITLESS) {
                throw new TopologyMismatchException(configured.get(), evidence.describe());
            }
            if (configured.isEmpty()) {
                log.info("Topology detected from the database: limitless ({})", evidence.describe());
                if (pinning != null) {
                    pinning.topology(Topology.LIMITLESS);
                }
            }
            warnWithoutLimitlessPlugin(dataSource, evidence);
        } else if (configured.orElse(null) == Topology.LIMITLESS) {
            log.warn("limitless.topology=limitless, but the database shows {}: the AWS JDBC wrapper's limitless plugin"
                    + " cannot find transaction routers there. Check spring.datasource.url (the Limitless cluster"
                    + " endpoint, database postgres_limitless).", evidence.describe());
        }
    }

    /**
     * The AWS JDBC wrapper's plugins were chosen before any connection existed (from limitless.topology or the URL);
     * when the database turns out to be Limitless and the pool's wrapper runs without the limitless plugin, say so.
     */
    private static void warnWithoutLimitlessPlugin(DataSource dataSource, TopologyDetection.Evidence evidence) {
        // the pool itself, without unwrap (which the guard counts as an escape)
        DataSource pool = dataSource instanceof dev.limitless.jdbc.GuardedDataSource guarded ? guarded.delegate() : dataSource;
        if (!(pool instanceof com.zaxxer.hikari.HikariDataSource hikari)) {
            return;
        }
        String plugins = hikari.getDataSourceProperties().getProperty("wrapperPlugins");
        if ("software.amazon.jdbc.Driver".equals(hikari.getDriverClassName()) && plugins != null
                && !java.util.Arrays.asList(plugins.replace(" ", "").split(",")).contains("limitless")) {
            log.warn("The database is Aurora Limitless ({}), but the AWS JDBC wrapper runs without its limitless plugin"
                    + " (wrapperPlugins={}): new connections are not balanced over the transaction routers. Set"
                    + " limitless.topology=limitless.", evidence.describe(), plugins);
        }
    }
}
