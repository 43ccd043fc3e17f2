package dev.limitless.metrics;

import dev.limitless.catalog.ShardCatalog;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.jdbc.GuardedDataSource;
import dev.limitless.pinning.PinningDetector;
import dev.limitless.pinning.PinningReason;
import dev.limitless.policy.Policy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What an application without Micrometer does: a guarded data source with the pinning detector and no-op metrics,
 * one statement. Loaded by {@link MetricsWithoutMicrometerTest} in a class loader that has no Micrometer.
 */
public final class NoMicrometerProbe implements Function<Properties, String> {

    @Override
    public String apply(Properties connection) {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setUrl(connection.getProperty("url"));
        driver.setUser(connection.getProperty("user"));
        driver.setPassword(connection.getProperty("password"));
        GuardedDataSource guarded = new GuardedDataSource(driver, ShardScopeGuard.of(ShardCatalog.of("public", List.of())),
                new PinningDetector(Policy.defaults(PinningReason.class), LimitlessMetrics.noop()::pinningRisk), LimitlessMetrics.noop());
        try (Connection c = guarded.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 'ran without Micrometer'")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
