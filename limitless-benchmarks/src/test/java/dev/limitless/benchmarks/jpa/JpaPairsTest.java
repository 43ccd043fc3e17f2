package dev.limitless.benchmarks.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.benchmarks.paired.PairedRatio;
import dev.limitless.benchmarks.paired.PairedRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JPA pairs run end to end (a few rounds only: no timing is judged here, only that both sides work). Scale up
 * with {@code -Dlimitless.jpaPairs.rounds=N -Dlimitless.jpaPairs.calls=N} to print a ratio.
 */
class JpaPairsTest {

    @Test
    void measuresFindByIdAndInsertWithAndWithoutTheLibrary() throws Exception {
        int rounds = Integer.getInteger("limitless.jpaPairs.rounds", 3);
        List<PairedRatio> pairs = JpaPairs.measure(new PairedRunner.Settings(Math.max(1, rounds / 4), rounds,
                Integer.getInteger("limitless.jpaPairs.calls", 5)));
        pairs.forEach(pair -> System.out.println(pair.summary()));

        assertThat(pairs).extracting(PairedRatio::name).containsExactly(
                "Spring Data JPA with the library / without, find by id",
                "Spring Data JPA with the library / without, insert");
        assertThat(pairs).allSatisfy(pair -> {
            assertThat(pair.rounds()).isEqualTo(rounds);
            assertThat(pair.baselineMedianNanos()).isPositive();
            assertThat(pair.candidateMedianNanos()).isPositive();
        });
    }
}
