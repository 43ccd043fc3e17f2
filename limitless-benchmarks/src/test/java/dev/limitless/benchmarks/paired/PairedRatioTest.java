package dev.limitless.benchmarks.paired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PairedRatioTest {

    @Test
    void theRatioIsTheMedianOfPerRoundRatiosNotARatioOfMedians() {
        PairedRatio pair = pair(1.02, new double[] {100, 200, 100, 300, 100}, new double[] {101, 204, 102, 303, 150});

        assertThat(pair.ratio().median()).isEqualTo(1.02);
        assertThat(pair.difference().median()).isEqualTo(3.0);
    }

    @Test
    void theIntervalHoldsTheMedianAndWidensWithNoise() {
        double[] baseline = new double[101];
        double[] steady = new double[101];
        double[] noisy = new double[101];
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = 100;
            steady[i] = 101 + (i % 3) * 0.1;
            noisy[i] = 101 + (i % 7 - 3) * 3;
        }
        PairedRatio.Interval tight = pair(1.02, baseline, steady).ratio();
        PairedRatio.Interval wide = pair(1.02, baseline, noisy).ratio();

        assertThat(tight.low()).isLessThanOrEqualTo(tight.median());
        assertThat(tight.high()).isGreaterThanOrEqualTo(tight.median());
        assertThat(wide.high() - wide.low()).isGreaterThan(tight.high() - tight.low());
    }

    @Test
    void aBudgetIsMetOnlyWhenTheUpperBoundIsUnderItAndMissedOnlyWhenTheLowerBoundIsOver() {
        double[] baseline = {100, 100, 100, 100, 100, 100, 100};
        double[] candidate = {101, 102, 103, 101, 102, 103, 102};

        assertThat(pair(1.05, baseline, candidate).verdict()).isEqualTo(PairedRatio.Verdict.MET);
        assertThat(pair(1.02, baseline, candidate).verdict()).isEqualTo(PairedRatio.Verdict.UNDECIDED);
        assertThat(pair(1.005, baseline, candidate).verdict()).isEqualTo(PairedRatio.Verdict.MISSED);
    }

    @Test
    void aPairWithoutABudgetIsForInformationAndNeverMissed() {
        double[] baseline = {100, 100, 100, 100, 100, 100, 100};
        double[] candidate = {150, 151, 152, 150, 151, 152, 151};

        PairedRatio information = pair(Double.NaN, baseline, candidate);
        assertThat(information.budgeted()).isFalse();
        assertThat(information.verdict()).isEqualTo(PairedRatio.Verdict.INFORMATION);
        assertThat(pair(1.2, baseline, candidate).verdict()).isEqualTo(PairedRatio.Verdict.MISSED);
    }

    @Test
    void refusesUnpairedRounds() {
        assertThatThrownBy(() -> pair(1.02, new double[] {1, 2, 3}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static PairedRatio pair(double budget, double[] baseline, double[] candidate) {
        return new PairedRatio("pair", budget, baseline, candidate, 10, "1.00 1.00 1.00 -> 1.00 1.00 1.00");
    }
}
