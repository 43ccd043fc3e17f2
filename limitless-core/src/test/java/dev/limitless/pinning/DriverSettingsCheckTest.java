package dev.limitless.pinning;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@LimitlessPostgres(shards = 4)
class DriverSettingsCheckTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @Test
    void wellConfiguredPoolHasNoFindings() {
        HikariConfig pool = pool("?ApplicationName=ledger&assumeMinServerVersion=16");

        assertThat(DriverSettingsCheck.check(pool)).isEmpty();
    }

    @Test
    void missingApplicationNameAndAssumeMinServerVersionAreFound() {
        List<DriverSettingFinding> findings = DriverSettingsCheck.check(pool(""));

        assertThat(findings).extracting(DriverSettingFinding::setting).containsExactly(
                "PgJDBC assumeMinServerVersion (not set)", "PgJDBC ApplicationName (not set)");
        assertThat(findings).allSatisfy(finding -> {
            assertThat(finding.reason()).isEqualTo(PinningReason.DRIVER_SETTING);
            assertThat(finding.fix()).isNotBlank();
        });
    }

    @Test
    void forcedGenericPlansAreFoundBecauseTheyLoseSingleShardOptimization() {
        HikariConfig options = pool("?ApplicationName=ledger&assumeMinServerVersion=16");
        options.addDataSourceProperty("options", "-c plan_cache_mode=force_generic_plan");
        assertThat(DriverSettingsCheck.check(options)).singleElement()
                .satisfies(finding -> assertThat(finding.setting()).isEqualTo("PgJDBC options=-c plan_cache_mode=force_generic_plan"))
                .satisfies(finding -> assertThat(finding.problem()).contains("single-shard optimization")
                        .contains("limitless-query.single-shard.html"));

        HikariConfig initSql = pool("?ApplicationName=ledger&assumeMinServerVersion=16");
        initSql.setConnectionInitSql("SET plan_cache_mode TO 'force_generic_plan'");
        assertThat(DriverSettingsCheck.check(initSql)).extracting(DriverSettingFinding::problem)
                .anySatisfy(problem -> assertThat(problem).contains("single-shard optimization"))
                .anySatisfy(problem -> assertThat(problem).contains("pins (set)"));

        HikariConfig auto = pool("?ApplicationName=ledger&assumeMinServerVersion=16&options=-c%20plan_cache_mode%3Dauto");
        assertThat(DriverSettingsCheck.check(auto)).isEmpty();
    }

    @Test
    void oldAssumedServerVersionIsFoundAndDataSourcePropertiesCount() {
        HikariConfig pool = pool("?assumeMinServerVersion=8.4");
        pool.addDataSourceProperty("ApplicationName", "ledger");

        assertThat(DriverSettingsCheck.check(pool)).extracting(DriverSettingFinding::setting)
                .containsExactly("PgJDBC assumeMinServerVersion=8.4");
    }

    @Test
    void poolIsolationLevelIsFoundBecauseTheDriverSendsSetSessionCharacteristics() throws SQLException {
        HikariConfig config = pool("?ApplicationName=ledger&assumeMinServerVersion=16");
        config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");

        assertThat(DriverSettingsCheck.check(config)).singleElement()
                .satisfies(finding -> assertThat(finding.setting()).isEqualTo("HikariCP transactionIsolation=TRANSACTION_REPEATABLE_READ"))
                .satisfies(finding -> assertThat(finding.problem()).contains("SET SESSION CHARACTERISTICS"));
        // the session state the finding is about: the pool's connections carry a session-level setting
        try (HikariDataSource pool = new HikariDataSource(config); Connection connection = pool.getConnection();
                ResultSet rs = connection.createStatement().executeQuery("SHOW transaction_isolation")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("repeatable read");
        }
    }

    @Test
    void readCommittedIsolationIsPostgresDefaultAndNotFound() {
        HikariConfig config = pool("?ApplicationName=ledger&assumeMinServerVersion=16");
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");

        assertThat(DriverSettingsCheck.check(config)).isEmpty();
    }

    @Test
    void readOnlyPoolIsFoundOnlyWhenTheDriverSendsSetForIt() {
        HikariConfig transactionMode = pool("?ApplicationName=ledger&assumeMinServerVersion=16");
        transactionMode.setReadOnly(true);
        HikariConfig alwaysMode = pool("?ApplicationName=ledger&assumeMinServerVersion=16&readOnlyMode=always");
        alwaysMode.setReadOnly(true);

        assertThat(DriverSettingsCheck.check(transactionMode)).isEmpty();
        assertThat(DriverSettingsCheck.check(alwaysMode)).extracting(DriverSettingFinding::setting)
                .containsExactly("HikariCP readOnly=true with PgJDBC readOnlyMode=always");
    }

    @Test
    void poolSchemaInitSqlAndDiscardAllTestQueryAreFound() {
        HikariConfig config = pool("?ApplicationName=ledger&assumeMinServerVersion=16");
        config.setSchema("ledger");
        config.setConnectionInitSql("SET search_path = ledger");
        config.setConnectionTestQuery("DISCARD ALL");

        List<DriverSettingFinding> findings = DriverSettingsCheck.check(config);

        assertThat(findings).extracting(DriverSettingFinding::setting).containsExactly("HikariCP schema=ledger",
                "HikariCP connectionInitSql=SET search_path = ledger", "HikariCP connectionTestQuery=DISCARD ALL");
        assertThat(findings.get(2).problem()).contains("discard");
    }

    @Test
    void harmlessInitSqlIsNotFound() {
        HikariConfig config = pool("?ApplicationName=ledger&assumeMinServerVersion=16");
        config.setConnectionInitSql("SELECT 1");

        assertThat(DriverSettingsCheck.check(config)).isEmpty();
    }

    @Test
    void readsTheSettingsOfAPgJdbcDataSourceInThePool() {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setUrl(database.jdbcUrl());
        driver.setApplicationName("ledger");
        HikariConfig config = new HikariConfig();
        config.setDataSource(driver);

        assertThat(DriverSettingsCheck.check(config)).extracting(DriverSettingFinding::setting)
                .containsExactly("PgJDBC assumeMinServerVersion (not set)");
    }

    @Test
    void urlPropertiesAreOverriddenByConnectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("assumeMinServerVersion", "16");
        properties.setProperty("ApplicationName", "ledger");

        assertThat(DriverSettingsCheck.checkDriver("jdbc:postgresql://db/app?assumeMinServerVersion=8.0", properties)).isEmpty();
        assertThat(DriverSettingsCheck.checkDriver("jdbc:mysql://db/app", new Properties())).isEmpty();
    }

    private static HikariConfig pool(String urlParameters) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl() + urlParameters);
        config.setUsername(database.username());
        config.setPassword(database.password());
        config.setMaximumPoolSize(1);
        return config;
    }
}
