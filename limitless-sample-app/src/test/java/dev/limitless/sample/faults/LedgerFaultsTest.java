package dev.limitless.sample.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.sample.faults.LedgerFaultDrill.Recovery;
import dev.limitless.sample.faults.LedgerFaultDrill.Result;
import dev.limitless.sample.faults.LedgerFaultDrill.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault drill at small size. The long run is the same test with bigger settings:
 * {@code ./mvnw -B -pl limitless-sample-app -am test -Dtest=LedgerFaultsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlimitless.faults.writers=16 -Dlimitless.faults.acks=5000 -Dlimitless.faults.rounds=5}; it prints the figures.
 */
class LedgerFaultsTest {

    @Test
    void everyAcknowledgedWriteSurvivesTerminatedBackendsAndARestartedServerExactlyOnce() throws Exception {
        Settings settings = new Settings(Integer.getInteger("limitless.faults.writers", 4), 20,
                Integer.getInteger("limitless.faults.acks", 20), 50, Duration.ofSeconds(1));
        int rounds = Integer.getInteger("limitless.faults.rounds", 1);
        Result result;
        try (LedgerFaultDrill drill = LedgerFaultDrill.start(settings)) {
            assertThat(drill.awaitAcks(settings.acksBetweenFaults(), Duration.ofMinutes(2))).isTrue();
            List<Recovery> recoveries = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                recoveries.add(drill.terminateBackends());
                recoveries.add(drill.restartServer());
            }
            result = drill.finish(recoveries);
        }
        System.out.println(LedgerFaultDrill.summary(settings, result));

        assertThat(result.lost()).as("acknowledged writes missing from the database").isZero();
        assertThat(result.duplicated()).as("idempotency keys written twice").isZero();
        assertThat(result.unbalanced()).as("balances that are not the sum of their transactions").isZero();
        assertThat(result.acknowledged()).isGreaterThanOrEqualTo(settings.acksBetweenFaults() * (1 + 2 * rounds));
        assertThat(result.abandoned()).isZero();
    }
}
