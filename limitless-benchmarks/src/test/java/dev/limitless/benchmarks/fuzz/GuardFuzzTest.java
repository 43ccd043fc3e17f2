package dev.limitless.benchmarks.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.benchmarks.fuzz.GuardFuzz.Result;
import dev.limitless.guard.Route;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fuzzer at a few thousand statements; the long run is {@link GuardFuzz#main}. */
@LimitlessPostgres(shards = GuardFuzz.SHARDS)
class GuardFuzzTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    @BeforeAll
    static void schema() throws Exception {
        try (Connection connection = database.connect()) {
            GuardFuzz.createSchema(connection);
        }
    }

    /**
     * Small lists, shallow nesting and a 50 ms parse timeout keep the suite quick; the long run keeps the guard's
     * defaults and goes to lists of 1,000 and nesting of 3,000.
     */
    @Test
    void hostileStatementsGetAVerdictOrTheDocumentedRefusalAndScopedOnesStayScoped() throws Exception {
        Result result;
        try (Connection connection = database.connect()) {
            result = GuardFuzz.run(new GuardFuzz.Settings(2_000, 42, 50, 30, Duration.ofMillis(50), 2, false), connection);
        }
        System.out.print(GuardFuzz.summary(result));

        assertThat(result.unexpected()).as("exceptions other than the documented refusal").isEmpty();
        assertThat(result.splitMismatches()).as("valid scripts split wrongly").isEmpty();
        assertThat(result.oracleViolations()).as("scoped statements that touch too many shards").isEmpty();
        assertThat(result.oracleChecked()).as("statements checked against PostgreSQL").isGreaterThan(40);
        assertThat(result.routes()).containsKeys(Route.SINGLE_SHARD, Route.MULTI_SHARD, Route.SCATTER, Route.UNKNOWN);
        assertThat(result.refusals()).isNotEmpty();
    }

    @Test
    void theSameSeedGivesTheSameStatements() {
        HostileSql first = new HostileSql(7, 200, 40);
        HostileSql second = new HostileSql(7, 200, 40);
        for (int i = 0; i < 200; i++) {
            assertThat(first.mutate(first.next().sql())).isEqualTo(second.mutate(second.next().sql()));
        }
    }
}
