package dev.limitless.pinning;

import dev.limitless.pinning.internal.PinningClassifier;
import dev.limitless.sql.internal.StatementText;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import org.postgresql.Driver;
import org.postgresql.ds.common.BaseDataSource;

/**
 * Finds, at start-up, the pool and PgJDBC settings that make every connection send a pinning statement
 * (RDS Proxy pins on it; a transaction-pooling PgBouncer leaks it):
 * <ul>
 *   <li>no {@code ApplicationName}: the driver sends {@code SET application_name} unless it can put it in the
 *       start-up packet;</li>
 *   <li>no {@code assumeMinServerVersion} (or below 9.0): the driver sends {@code SET extra_float_digits} and
 *       {@code SET application_name} after connecting;</li>
 *   <li>{@code readOnlyMode=always} with a read-only pool: {@code SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY};</li>
 *   <li>a pool {@code transactionIsolation} other than PostgreSQL's default:
 *       {@code SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL ...};</li>
 *   <li>a pool {@code schema}: {@code SET SESSION search_path};</li>
 *   <li>a {@code connectionInitSql} or {@code connectionTestQuery} (a pool's reset) that pins, e.g. {@code DISCARD ALL}.</li>
 * </ul>
 * Every finding has the reason {@link PinningReason#DRIVER_SETTING}; pass them to
 * {@link PinningDetector#checkDriverSettings(List)}.
 */
public final class DriverSettingsCheck {

    // HikariCP is optional: its types are only touched when it is there
    private static final boolean HIKARI_ON_CLASS_PATH = isPresent("com.zaxxer.hikari.HikariConfig");

    private DriverSettingsCheck() {
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, DriverSettingsCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Checks whatever can be inspected of a data source: a HikariCP pool (see {@link #check(HikariConfig)}) or a
     * PgJDBC data source; anything else gives no findings.
     */
    public static List<DriverSettingFinding> check(DataSource dataSource) {
        if (HIKARI_ON_CLASS_PATH && dataSource instanceof HikariConfig pool) {
            return check(pool);
        }
        if (dataSource instanceof BaseDataSource pgDataSource) {
            return List.copyOf(checkDriver(pgDataSource.getUrl(), new Properties()));
        }
        return List.of();
    }

    /**
     * Checks a HikariCP configuration (a {@code HikariDataSource} is one): its JDBC URL, its data source
     * properties or its PgJDBC {@code DataSource}, and its pool settings.
     */
    public static List<DriverSettingFinding> check(HikariConfig pool) {
        List<DriverSettingFinding> findings = new ArrayList<>();
        Properties driver = new Properties();
        driver.putAll(pool.getDataSourceProperties());
        String url = pool.getJdbcUrl();
        if (url == null && pool.getDataSource() instanceof BaseDataSource pgDataSource) {
            url = pgDataSource.getUrl();
        }
        if (url == null && driver.getProperty("url") != null) {
            url = driver.getProperty("url");
        }
        findings.addAll(checkDriver(url, driver));
        String isolation = pool.getTransactionIsolation();
        if (isolation != null && !isolation.isBlank() && !isReadCommitted(isolation)) {
            findings.add(new DriverSettingFinding("HikariCP transactionIsolation=" + isolation,
                    "the pool sets the isolation on every new connection, so PgJDBC sends SET SESSION CHARACTERISTICS"
                            + " AS TRANSACTION ISOLATION LEVEL.",
                    "remove transactionIsolation from the pool and set the level per transaction (BEGIN ISOLATION"
                            + " LEVEL ..., or Spring's @Transactional(isolation = ...)); note Limitless does not"
                            + " support SERIALIZABLE."));
        }
        if (pool.isReadOnly() && "always".equalsIgnoreCase(driver.getProperty("readOnlyMode",
                urlProperties(url).getProperty("readOnlyMode", "")))) {
            findings.add(new DriverSettingFinding("HikariCP readOnly=true with PgJDBC readOnlyMode=always",
                    "PgJDBC sends SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY on every connection.",
                    "keep PgJDBC's default readOnlyMode=transaction (read-only transactions start with BEGIN READ"
                            + " ONLY), or grant the role read access only."));
        }
        if (pool.getSchema() != null && !pool.getSchema().isBlank()) {
            findings.add(new DriverSettingFinding("HikariCP schema=" + pool.getSchema(),
                    "the pool calls setSchema on every connection, so PgJDBC sends SET SESSION search_path.",
                    "remove schema from the pool; set it with ALTER ROLE ... SET search_path, or qualify table"
                            + " names."));
        }
        checkQuery(findings, "HikariCP connectionInitSql", pool.getConnectionInitSql());
        checkQuery(findings, "HikariCP connectionTestQuery", pool.getConnectionTestQuery());
        return List.copyOf(findings);
    }

    /**
     * Checks a PgJDBC URL and connection properties (properties win over URL parameters, as in the driver).
     *
     * @param jdbcUrl a {@code jdbc:postgresql:} URL, or {@code null}; other URLs give no findings
     * @param properties connection properties, may be empty
     */
    public static List<DriverSettingFinding> checkDriver(String jdbcUrl, Properties properties) {
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            return List.of();
        }
        Properties effective = urlProperties(jdbcUrl);
        properties.forEach((key, value) -> effective.setProperty(String.valueOf(key), String.valueOf(value)));
        List<DriverSettingFinding> findings = new ArrayList<>();
        String assumed = effective.getProperty("assumeMinServerVersion");
        if (assumed == null || assumed.isBlank() || !atLeastNine(assumed)) {
            findings.add(new DriverSettingFinding("PgJDBC assumeMinServerVersion"
                    + (assumed == null || assumed.isBlank() ? " (not set)" : "=" + assumed),
                    "PgJDBC sends SET extra_float_digits (and SET application_name) after connecting instead of"
                            + " putting them in the start-up packet.",
                    "add assumeMinServerVersion=16 (any version >= 9.0) to the JDBC URL or data source properties."));
        }
        String options = effective.getProperty("options");
        if (forcesGenericPlans(options)) {
            findings.add(genericPlans("PgJDBC options=" + options));
        }
        String applicationName = effective.getProperty("ApplicationName");
        if (applicationName == null || applicationName.isBlank()) {
            findings.add(new DriverSettingFinding("PgJDBC ApplicationName (not set)",
                    "without it the driver may send SET application_name, and proxy logs and pg_stat_activity cannot"
                            + " tell this application apart.",
                    "add ApplicationName=<your service name> to the JDBC URL or data source properties."));
        }
        return findings;
    }

    /**
     * Whether a setting's text forces generic plans ({@code plan_cache_mode = force_generic_plan}), which AWS lists as
     * losing Aurora Limitless' single-shard optimization.
     */
    static boolean forcesGenericPlans(String text) {
        if (text == null) {
            return false;
        }
        String compact = text.toLowerCase(Locale.ROOT).replaceAll("[\\s'\"]", "").replace("to", "=");
        return compact.contains("plan_cache_mode=force_generic_plan");
    }

    private static DriverSettingFinding genericPlans(String setting) {
        return new DriverSettingFinding(setting, "plan_cache_mode=force_generic_plan makes every prepared statement run"
                + " with a generic plan, and a generic plan loses Aurora Limitless' single-shard optimization (AWS,"
                + " limitless-query.single-shard.html): statements that name one shard are planned for every shard. It"
                + " does not pin.", "remove plan_cache_mode=force_generic_plan (the default, auto, lets PostgreSQL use"
                + " custom plans that keep the optimization).");
    }

    private static void checkQuery(List<DriverSettingFinding> findings, String setting, String sql) {
        if (sql == null || sql.isBlank()) {
            return;
        }
        if (forcesGenericPlans(sql)) {
            findings.add(genericPlans(setting + "=" + StatementText.shorten(sql)));
        }
        PinningRisks risks = PinningClassifier.classify(sql);
        if (!risks.reasons(false).isEmpty()) {
            findings.add(new DriverSettingFinding(setting + "=" + StatementText.shorten(sql),
                    "the pool runs it on connections and it pins (" + risks.reasons(false).stream()
                            .map(PinningReason::tag).reduce((a, b) -> a + ", " + b).orElse("") + ").",
                    "remove it; RDS Proxy resets connections itself, and JDBC4 drivers need no test query."));
        }
    }

    private static Properties urlProperties(String jdbcUrl) {
        if (jdbcUrl == null) {
            return new Properties();
        }
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        return parsed == null ? new Properties() : parsed;
    }

    private static boolean isReadCommitted(String isolation) {
        String level = isolation.trim().toUpperCase(Locale.ROOT);
        return level.equals("TRANSACTION_READ_COMMITTED") || level.equals(String.valueOf(Connection.TRANSACTION_READ_COMMITTED));
    }

    private static boolean atLeastNine(String version) {
        String[] parts = version.trim().split("\\.");
        try {
            return Integer.parseInt(parts[0]) >= 9;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
