package dev.limitless.benchmarks.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.benchmarks.fuzz.GuardFuzz.Result;
import dev.limitless.guard.Route;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fuzzer at 1,500 statements with the guard's defaults; the long run is {@link GuardFuzz#main}. */
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
     * The guard's defaults (its own parse timeout included); small lists and shallow nesting keep the suite quick.
     * The long run goes to lists of 1,000 and nesting of 3,000. Every run replays {@link HostileSql#FOUND} first, so
     * this fails while the guard still allows one of them (docs/reliability.md, "What the fuzzer found").
     */
    @Test
    void hostileStatementsGetAVerdictOrTheDocumentedRefusalAndNoScatterIsLetThrough() throws Exception {
        Result result;
        try (Connection connection = database.connect()) {
            result = GuardFuzz.run(new GuardFuzz.Settings(1_500, 42, 50, 30, null, 2, false), connection);
        }
        System.out.print(GuardFuzz.summary(result));

        assertThat(result.unexpected()).as("exceptions other than the documented refusal").isEmpty();
        assertThat(result.splitMismatches()).as("valid scripts split wrongly").isEmpty();
        assertThat(result.oracleViolations()).as("allowed statements on every shard, SINGLE_SHARD ones on several").isEmpty();
        assertThat(result.letThrough()).as("must-refuse statements the guard allowed").isEmpty();
        assertThat(result.labelMismatches()).as("labels of the generator that PostgreSQL contradicts").isEmpty();
        assertThat(result.families()).as("every family of issue 13 was generated").containsKeys(
                HostileSql.FAMILIES.toArray(String[]::new));
        assertThat(result.mustRefuse()).as("must-refuse statements").isGreaterThan(100);
        assertThat(result.labelsChecked()).as("labels confirmed by PostgreSQL").isGreaterThan(20);
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
