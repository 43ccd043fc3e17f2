package dev.limitless.benchmarks.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.benchmarks.paired.PairedRatio;
import dev.limitless.benchmarks.paired.PairedRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JPA pairs run end to end (a few rounds only: no timing is judged here, only that both sides work). */
class JpaPairsTest {

    @Test
    void measuresFindByIdAndInsertWithAndWithoutTheLibrary() throws Exception {
        List<PairedRatio> pairs = JpaPairs.measure(new PairedRunner.Settings(1, 3, 5));

        assertThat(pairs).extracting(PairedRatio::name).containsExactly(
                "Spring Data JPA with the library / without, find by id",
                "Spring Data JPA with the library / without, insert");
        assertThat(pairs).allSatisfy(pair -> {
            assertThat(pair.rounds()).isEqualTo(3);
            assertThat(pair.baselineMedianNanos()).isPositive();
            assertThat(pair.candidateMedianNanos()).isPositive();
        });
    }
}
