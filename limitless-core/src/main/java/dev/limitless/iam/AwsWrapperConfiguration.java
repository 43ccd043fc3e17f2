package dev.limitless.iam;

import java.util.Map;
import java.util.Properties;

/**
 * Topology 2 through the AWS Advanced JDBC Wrapper: a {@code jdbc:aws-wrapper:postgresql:} URL and driver
 * properties that enable its {@code iam} plugin (the wrapper mints and caches tokens itself) and, for Limitless'
 * transaction routers (shard-group endpoint, or cluster endpoint with {@code postgres_limitless}), its
 * {@code limitless} plugin (load-balances over the transaction routers). Built by
 * {@link IamDataSource.Builder#buildAwsWrapperConfiguration()} from the same settings as {@link IamDataSource}; give
 * {@link #jdbcUrl()}, {@link #driverClassName()} and {@link #properties()} to any pool. Holds no secret.
 *
 * @param jdbcUrl the wrapper URL
 * @param properties driver properties (wrapper plugins, IAM signing host/port/region, user, TLS, driver defaults)
 */
public record AwsWrapperConfiguration(String jdbcUrl, Map<String, String> properties) {

    /** The wrapper's driver class. */
    public static final String DRIVER_CLASS_NAME = "software.amazon.jdbc.Driver";

    public AwsWrapperConfiguration {
        properties = Map.copyOf(properties);
    }

    public String driverClassName() {
        return DRIVER_CLASS_NAME;
    }

    /** The properties as {@link Properties}, e.g. for {@code DriverManager} or {@code HikariConfig#setDataSourceProperties}. */
    public Properties asProperties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }
}
