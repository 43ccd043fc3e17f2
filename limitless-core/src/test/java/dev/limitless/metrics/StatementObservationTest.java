package dev.limitless.metrics;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;

import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@LimitlessPostgres(shards = 4)
class StatementObservationTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final MicrometerMetrics metrics = MicrometerMetrics.builder(new SimpleMeterRegistry())
            .observationRegistry(observations).build();

    @BeforeAll
    static void accounts() throws SQLException {
        try (Connection connection = database.connect()) {
            MeasuredJdbc.createAccounts(connection);
        }
    }

    @Test
    void eachStatementIsOneObservationWithTheLowCardinalityTags() throws SQLException {
        StatementMeters lookup = metrics.statementMeters("single_shard", "public.accounts", StatementOperation.SELECT);
        try (Connection connection = database.connect()) {
            MeasuredJdbc.execute(connection, lookup, "SELECT owner FROM accounts WHERE account_id = 1");
        }

        assertThat(observations).hasNumberOfObservationsEqualTo(1)
                .hasSingleObservationThat()
                .hasNameEqualTo("limitless.statement")
                .hasContextualNameEqualTo("limitless select")
                .hasLowCardinalityKeyValue("route", "single_shard")
                .hasLowCardinalityKeyValue("table", "public.accounts")
                .hasLowCardinalityKeyValue("operation", "select")
                .hasLowCardinalityKeyValue("outcome", "success")
                .satisfies(context -> org.assertj.core.api.Assertions.assertThat(context.getHighCardinalityKeyValues()).isEmpty())
                .hasBeenStarted()
                .hasBeenStopped();
    }

    @Test
    void failedStatementIsAnErrorObservation() throws SQLException {
        StatementMeters broken = metrics.statementMeters("scatter", "public.accounts", StatementOperation.UPDATE);
        try (Connection connection = database.connect()) {
            assertThatThrownBy(() -> MeasuredJdbc.execute(connection, broken, "UPDATE accounts SET nope = 1"))
                    .isInstanceOf(SQLException.class);
        }

        assertThat(observations).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("outcome", "error")
                .hasLowCardinalityKeyValue("route", "scatter")
                .assertThatError().isInstanceOf(SQLException.class);
    }

    @Test
    void refusedStatementIsAnObservationWithOutcomeRefused() {
        MeasuredJdbc.refuse(metrics.statementMeters("scatter", "public.accounts", StatementOperation.DELETE), "scatter");

        assertThat(observations).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("outcome", "refused")
                .hasLowCardinalityKeyValue("operation", "delete");
    }

    @Test
    void customConventionReplacesTheDefault() {
        MicrometerMetrics custom = MicrometerMetrics.builder(new SimpleMeterRegistry()).observationRegistry(observations)
                .observationConvention(new StatementObservationConvention() {
                    @Override
                    public String getName() {
                        return "ledger.statement";
                    }

                    @Override
                    public KeyValues getLowCardinalityKeyValues(StatementObservationContext context) {
                        return KeyValues.of("route", context.route());
                    }
                }).build();

        custom.statementMeters("reference", null, StatementOperation.SELECT).start().success();

        assertThat(observations).hasSingleObservationThat().hasNameEqualTo("ledger.statement")
                .hasLowCardinalityKeyValue("route", "reference");
    }
}
