package dev.limitless.pinning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;
import dev.limitless.pinning.internal.PinningClassifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Advisory locks on the two topologies: pinning behind a proxy, a failure to come on Limitless. */
class LimitlessAdvisoryLockTest {

    private static final String XACT = "SELECT pg_try_advisory_xact_lock(42)";
    private static final String SESSION = "SELECT pg_advisory_lock(42)";
    /** How the statements appear in messages: literals masked. */
    private static final String XACT_SHOWN = "SELECT pg_try_advisory_xact_lock(?)";
    private static final String SESSION_SHOWN = "SELECT pg_advisory_lock(?)";

    @Test
    void behindTheProxyOnlySessionLocksAreReported() throws SQLException {
        List<PinningReason> counted = new ArrayList<>();
        PinningDetector detector = new PinningDetector(Policy.defaults(PinningReason.class), counted::add, Topology.PROXY);
        try (LogCapture log = new LogCapture(PinningDetector.class)) {
            detector.check(XACT, PinningClassifier.classify(XACT), true);
            detector.check(SESSION, PinningClassifier.classify(SESSION), false);

            assertThat(counted).containsExactly(PinningReason.ADVISORY_LOCK);
            assertThat(log.messages()).singleElement().asString().contains("pins the database session", SESSION_SHOWN);
        }
    }

    @Test
    void onLimitlessEveryAdvisoryLockIsAnErrorToComeWithTheAlternative() throws SQLException {
        List<PinningReason> counted = new ArrayList<>();
        PinningDetector detector = new PinningDetector(Policy.defaults(PinningReason.class), counted::add, Topology.LIMITLESS);
        try (LogCapture log = new LogCapture(PinningDetector.class)) {
            detector.check(XACT, PinningClassifier.classify(XACT), true);
            detector.check(XACT, PinningClassifier.classify(XACT), true);
            detector.check(SESSION, PinningClassifier.classify(SESSION), false);

            assertThat(counted).containsExactly(PinningReason.ADVISORY_LOCK, PinningReason.ADVISORY_LOCK,
                    PinningReason.ADVISORY_LOCK);
            assertThat(log.events()).hasSize(2).allSatisfy(event -> {
                assertThat(event.getLevel().toString()).isEqualTo("ERROR");
                assertThat(event.getFormattedMessage()).contains(
                        "acquiring pg_advisory_lock is not supported in limitless database", "will fail there",
                        "SELECT ... FOR UPDATE on a row of a standard table");
            });
            assertThat(log.messages().get(0)).contains(XACT_SHOWN).doesNotContain("pins the database session")
                    .doesNotContain("42");
        }
    }

    @Test
    void onLimitlessARefusingPolicyRefusesBeforeTheRouterDoes() {
        PinningDetector detector = new PinningDetector(Policy.defaults(PinningReason.class).with(PinningReason.ADVISORY_LOCK,
                PolicyAction.REFUSE), reason -> { }, Topology.LIMITLESS);

        assertThatThrownBy(() -> detector.check(XACT, PinningClassifier.classify(XACT), true))
                .isInstanceOf(PinningRefusedException.class)
                .hasMessageContaining("Aurora Limitless refuses")
                .hasMessageContaining(XACT_SHOWN)
                .hasMessageContaining("SELECT ... FOR UPDATE");
    }

    @Test
    void advisoryLocksInsideLiteralsAreNotCalls() {
        assertThat(PinningClassifier.classify("SELECT 'pg_advisory_xact_lock(1)'").advisoryLock()).isFalse();
        assertThat(PinningClassifier.classify("SELECT pg_advisory_xact_lock_shared(1)").advisoryLock()).isTrue();
        assertThat(PinningClassifier.classify("SELECT pg_advisory_xact_lock_shared(1)").sessionReasons()).isEmpty();
    }
}
