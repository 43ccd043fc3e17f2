package dev.limitless.pinning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.pinning.internal.PinningClassifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

@LimitlessPostgres(shards = 4)
class PinningDetectorTest {

    @Test
    void refusesAPinningStatementWhenThePolicySaysRefuse() {
        PinningDetector detector = new PinningDetector(Policy.defaults(PinningReason.class).with(PinningReason.SET, PolicyAction.REFUSE));
        String sql = "SET search_path = ledger";

        assertThatThrownBy(() -> detector.check(sql, PinningClassifier.classify(sql), false))
                .isInstanceOf(PinningRefusedException.class)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("(set)")
                .hasMessageContaining("SET search_path = ledger")
                .hasMessageContaining("SET LOCAL")
                .hasMessageContaining("pinning policy for 'set' to warn or allow")
                .satisfies(e -> assertThat(((PinningRefusedException) e).reason()).isEqualTo(PinningReason.SET))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(PinningRefusedException.SQL_STATE).isEqualTo("LM002"));
    }

    @Test
    void warnsOncePerDistinctStatementNotPerExecution() throws SQLException {
        PinningDetector detector = new PinningDetector(Policy.defaults(PinningReason.class));
        try (LogCapture log = new LogCapture(PinningDetector.class)) {
            for (int i = 0; i < 3; i++) {
                detector.check("SELECT pg_advisory_lock(1)", PinningClassifier.classify("SELECT pg_advisory_lock(1)"), false);
                detector.check("LISTEN jobs", PinningClassifier.classify("LISTEN jobs"), false);
            }

            assertThat(log.messages()).hasSize(2);
            assertThat(log.messages().get(0)).contains("(advisory_lock)", "SELECT pg_advisory_lock(?)",
                    "pg_advisory_xact_lock", getClass().getName() + ".warnsOncePerDistinctStatementNotPerExecution");
            assertThat(log.messages().get(1)).contains("(listen)", "LISTEN jobs");
        }
    }

    @Test
    void countsEveryExecutionThatPinsWhateverThePolicy() throws SQLException {
        List<PinningReason> counted = new ArrayList<>();
        PinningDetector detector = new PinningDetector(Policy.all(PinningReason.class, PolicyAction.ALLOW), counted::add);
        PinningRisks risks = PinningClassifier.classify("SELECT nextval('s'), pg_advisory_lock(1)");

        detector.check("SELECT nextval('s'), pg_advisory_lock(1)", risks, true);
        detector.check("SELECT nextval('s'), pg_advisory_lock(1)", risks, true);
        detector.check("SELECT 1", PinningClassifier.classify("SELECT 1"), false);

        assertThat(counted).containsExactly(PinningReason.ADVISORY_LOCK, PinningReason.SEQUENCE,
                PinningReason.ADVISORY_LOCK, PinningReason.SEQUENCE);
    }

    @Test
    void allowLetsThePinningStatementPassSilently() throws SQLException {
        PinningDetector detector = new PinningDetector(Policy.all(PinningReason.class, PolicyAction.ALLOW));
        try (LogCapture log = new LogCapture(PinningDetector.class)) {
            detector.check("DISCARD ALL", PinningClassifier.classify("DISCARD ALL"), false);

            assertThat(log.messages()).isEmpty();
        }
    }

    @Test
    void setLocalInsideAnExplicitTransactionPassesARefusingPolicy(DataSource dataSource) throws SQLException {
        PinningDetector detector = new PinningDetector(Policy.all(PinningReason.class, PolicyAction.REFUSE));
        String sql = "SET LOCAL statement_timeout = 1000";
        PinningRisks risks = PinningClassifier.classify(sql);
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            detector.check(sql, risks, !connection.getAutoCommit());
            connection.createStatement().execute(sql);
            connection.rollback();

            connection.setAutoCommit(true);
            assertThatThrownBy(() -> detector.check(sql, risks, !connection.getAutoCommit()))
                    .isInstanceOf(PinningRefusedException.class);
        }
    }

    @Test
    void warningNamesTheApplicationFrameBelowSpringAndThePool(DataSource dataSource) {
        PinningDetector detector = new PinningDetector(Policy.defaults(PinningReason.class));
        try (LogCapture log = new LogCapture(PinningDetector.class)) {
            new OrderService(new JdbcTemplate(dataSource), detector).placeOrder();

            assertThat(log.messages()).singleElement().asString()
                    .contains("called from " + OrderService.class.getName() + ".lambda$placeOrder$")
                    .contains("(OrderService.java:");
        }
    }

    @Test
    void callingFrameSkipsTheJdkDriverPoolSpringAndThisLibrary() {
        assertThat(CallingFrame.isApplication(String.class)).isFalse();
        assertThat(CallingFrame.isApplication(org.postgresql.jdbc.PgConnection.class)).isFalse();
        assertThat(CallingFrame.isApplication(HikariDataSource.class)).isFalse();
        assertThat(CallingFrame.isApplication(JdbcTemplate.class)).isFalse();
        assertThat(CallingFrame.isApplication(PinningDetector.class)).isFalse();
        assertThat(CallingFrame.isApplication(OrderService.class)).isTrue();
    }

    @Test
    void driverSettingFindingsAreRefusedOrLoggedByTheirPolicy() throws SQLException {
        List<DriverSettingFinding> findings = DriverSettingsCheck.checkDriver("jdbc:postgresql://db:5432/app", new java.util.Properties());

        assertThatThrownBy(() -> new PinningDetector(Policy.all(PinningReason.class, PolicyAction.REFUSE)).checkDriverSettings(findings))
                .isInstanceOf(PinningRefusedException.class)
                .hasMessageContaining("assumeMinServerVersion")
                .hasMessageContaining("ApplicationName");
        try (LogCapture log = new LogCapture(PinningDetector.class)) {
            new PinningDetector(Policy.defaults(PinningReason.class)).checkDriverSettings(findings);
            assertThat(log.messages()).hasSize(2);
        }
    }
}
