package dev.limitless.autoconfigure.actuate;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.LiveCatalog;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.ddl.CatalogComparison;
import dev.limitless.iam.IamDataSource;
import dev.limitless.jdbc.GuardedDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.ClassUtils;

/**
 * Health of limitless per guarded DataSource: the database answers; the catalog the guard uses agrees with what the
 * database reports in {@code rds_aurora.limitless_tables} (when it has one); and, with IAM, a token can be had now.
 * Any of these failing is DOWN: a guard working from a wrong catalog lets scatter through or refuses good statements.
 */
public class LimitlessHealthIndicator extends AbstractHealthIndicator {

    private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
            LimitlessHealthIndicator.class.getClassLoader());

    private final Supplier<Map<String, GuardedDataSource>> dataSources;

    public LimitlessHealthIndicator(Supplier<Map<String, GuardedDataSource>> dataSources) {
        super("limitless health check failed");
        this.dataSources = dataSources;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean up = true;
        for (Map.Entry<String, GuardedDataSource> entry : dataSources.get().entrySet()) {
            Map<String, Object> details = new LinkedHashMap<>();
            up &= check(entry.getValue(), details);
            builder.withDetail(entry.getKey(), details);
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }

    private static boolean check(GuardedDataSource dataSource, Map<String, Object> details) {
        boolean up = true;
        try (Connection connection = dataSource.delegate().getConnection()) {
            details.put("database", connection.isValid(5) ? "reachable" : "not answering");
            up &= !"not answering".equals(details.get("database"));
            up &= checkCatalog(connection, dataSource.guard().catalog(), details);
        } catch (SQLException e) {
            details.put("database", "unreachable: " + e.getMessage());
            up = false;
        }
        up &= checkIam(dataSource, details);
        return up;
    }

    private static boolean checkCatalog(Connection connection, ShardCatalog declared, Map<String, Object> details) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT to_regclass('rds_aurora.limitless_tables') IS NOT NULL")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                details.put("catalog", "not checked: the database has no rds_aurora.limitless_tables");
                return true;
            }
        }
        List<String> differences = CatalogComparison.differences(declared, LiveCatalog.load(connection, declared.defaultSchema()));
        details.put("catalog", differences.isEmpty() ? "consistent" : differences);
        return differences.isEmpty();
    }

    private static boolean checkIam(GuardedDataSource dataSource, Map<String, Object> details) {
        IamDataSource iam = iamOf(dataSource);
        if (iam == null) {
            return true;
        }
        try {
            iam.tokenCache().token(iam.endpoint());
            Duration age = iam.tokenCache().age(iam.endpoint()).orElse(null);
            details.put("iamToken", age == null ? "available" : "available, issued " + age.toSeconds() + " s ago");
            return true;
        } catch (RuntimeException e) {
            details.put("iamToken", "cannot be minted: " + e.getMessage());
            return false;
        }
    }

    private static IamDataSource iamOf(GuardedDataSource dataSource) {
        if (!HIKARI_PRESENT) {
            return null;
        }
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)
                    && dataSource.unwrap(HikariDataSource.class).getDataSource() instanceof IamDataSource iam) {
                return iam;
            }
        } catch (SQLException e) {
            return null;
        }
        return null;
    }
}
