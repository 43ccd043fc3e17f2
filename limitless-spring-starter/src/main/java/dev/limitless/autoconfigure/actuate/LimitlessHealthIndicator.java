package dev.limitless.autoconfigure.actuate;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.catalog.LiveCatalog;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.ddl.internal.CatalogComparison;
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
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.ClassUtils;

/**
 * Health of limitless per guarded DataSource: the database answers; the catalog the guard uses agrees with what the
 * database reports in {@code rds_aurora.limitless_tables} (when it has one); and, with IAM, a token can be had now.
 * The database or IAM failing is DOWN; a catalog mismatch is DOWN by default ({@code limitless.ddl.mismatch-health-status}):
 * a guard working from a wrong catalog lets scatter through or refuses good statements.
 */
public class LimitlessHealthIndicator extends AbstractHealthIndicator {

    private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
            LimitlessHealthIndicator.class.getClassLoader());
    /** IamDataSource links the AWS SDK, an optional dependency: without the SDK no pool can use it. */
    private static final boolean IAM_PRESENT = ClassUtils.isPresent(
            "software.amazon.awssdk.services.rds.RdsUtilities", LimitlessHealthIndicator.class.getClassLoader());

    private final Supplier<Map<String, GuardedDataSource>> dataSources;
    private final Status catalogMismatch;

    /** A catalog mismatch is DOWN. */
    public LimitlessHealthIndicator(Supplier<Map<String, GuardedDataSource>> dataSources) {
        this(dataSources, Status.DOWN);
    }

    /**
     * @param catalogMismatch the status reported when a guard's catalog differs from the database's (and
     *     nothing else is wrong), e.g. {@code limitless.ddl.mismatch-health-status}
     */
    public LimitlessHealthIndicator(Supplier<Map<String, GuardedDataSource>> dataSources, Status catalogMismatch) {
        super("limitless health check failed");
        this.dataSources = dataSources;
        this.catalogMismatch = catalogMismatch;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Outcome worst = Outcome.UP;
        for (Map.Entry<String, GuardedDataSource> entry : dataSources.get().entrySet()) {
            Map<String, Object> details = new LinkedHashMap<>();
            Outcome outcome = check(entry.getValue(), details);
            worst = outcome.compareTo(worst) > 0 ? outcome : worst;
            builder.withDetail(entry.getKey(), details);
        }
        switch (worst) {
            case UP -> builder.up();
            case CATALOG_MISMATCH -> builder.status(catalogMismatch);
            case DOWN -> builder.down();
        }
    }

    /** Ordered from best to worst. */
    private enum Outcome { UP, CATALOG_MISMATCH, DOWN }

    private static Outcome check(GuardedDataSource dataSource, Map<String, Object> details) {
        boolean up = true;
        boolean catalogAgrees = true;
        try (Connection connection = dataSource.delegate().getConnection()) {
            details.put("database", connection.isValid(5) ? "reachable" : "not answering");
            up &= !"not answering".equals(details.get("database"));
            catalogAgrees = checkCatalog(connection, dataSource.guard().catalog(), details);
        } catch (SQLException e) {
            details.put("database", "unreachable: " + e.getMessage());
            up = false;
        }
        up &= checkIam(dataSource, details);
        return !up ? Outcome.DOWN : catalogAgrees ? Outcome.UP : Outcome.CATALOG_MISMATCH;
    }

    private static boolean checkCatalog(Connection connection, ShardCatalog declared, Map<String, Object> details) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT to_regclass('rds_aurora.limitless_tables') IS NOT NULL")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                details.put("catalog", "not checked: the database has no rds_aurora.limitless_tables");
                return true;
            }
        }
        ShardCatalog live = LiveCatalog.load(connection, declared.defaultSchema());
        List<String> differences = new java.util.ArrayList<>(CatalogComparison.differences(declared, live));
        differences.addAll(CatalogComparison.undeclared(declared, live));
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
        if (!HIKARI_PRESENT || !IAM_PRESENT) {
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
