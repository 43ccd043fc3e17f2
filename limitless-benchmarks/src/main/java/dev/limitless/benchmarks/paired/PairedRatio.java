package dev.limitless.benchmarks.paired;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The result of one paired measurement: per-call times of a baseline and a candidate measured in alternating blocks
 * in the same JVM, summarised as the median of the per-round ratios (candidate / baseline) with a percentile
 * bootstrap 95% interval, and the same for the per-call difference.
 *
 * @param name          what is compared, e.g. {@code guard + pinning + metrics / raw HikariCP, PK SELECT}
 * @param budget        the largest acceptable ratio (the interval's upper bound must be under it)
 * @param baselineNanos per-call time of the baseline in each round
 * @param candidateNanos per-call time of the candidate in each round (same length)
 * @param callsPerBlock calls in each timed block
 * @param load          the machine's load average when the measurement started and ended
 */
public record PairedRatio(String name, double budget, double[] baselineNanos, double[] candidateNanos,
                          int callsPerBlock, String load) {

    public static final int RESAMPLES = 4000;
    /** Fixed, so that the same rounds always give the same interval. */
    static final long SEED = 21L;

    public PairedRatio {
        if (baselineNanos.length != candidateNanos.length || baselineNanos.length < 3) {
            throw new IllegalArgumentException("Need at least 3 paired rounds, got " + baselineNanos.length + " and "
                    + candidateNanos.length);
        }
    }

    /** How the interval of the ratio stands to the budget. */
    public enum Verdict {
        /** The interval's upper bound is under the budget. */
        MET,
        /** The budget lies inside the interval: this run cannot tell; rerun longer on a quieter machine. */
        UNDECIDED,
        /** Even the interval's lower bound is over the budget. */
        MISSED,
        /** No budget: the pair is measured for information (its budget is {@link Double#NaN}). */
        INFORMATION
    }

    /** Whether the pair has a budget to be judged against. */
    public boolean budgeted() {
        return !Double.isNaN(budget);
    }

    public int rounds() {
        return baselineNanos.length;
    }

    public double[] ratios() {
        double[] ratios = new double[rounds()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = candidateNanos[i] / baselineNanos[i];
        }
        return ratios;
    }

    public double[] differences() {
        double[] differences = new double[rounds()];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = candidateNanos[i] - baselineNanos[i];
        }
        return differences;
    }

    public Interval ratio() {
        return Interval.ofMedian(ratios());
    }

    /** Candidate minus baseline, nanoseconds per call. */
    public Interval difference() {
        return Interval.ofMedian(differences());
    }

    public double baselineMedianNanos() {
        return median(baselineNanos.clone());
    }

    public double candidateMedianNanos() {
        return median(candidateNanos.clone());
    }

    public Verdict verdict() {
        if (!budgeted()) {
            return Verdict.INFORMATION;
        }
        Interval ratio = ratio();
        if (ratio.high() < budget) {
            return Verdict.MET;
        }
        return ratio.low() > budget ? Verdict.MISSED : Verdict.UNDECIDED;
    }

    /** One line for a terminal: name, ratio [interval], difference, verdict. */
    public String summary() {
        Interval ratio = ratio();
        Interval difference = difference();
        return String.format(Locale.ROOT, "%-55s %.3fx [%.3f, %.3f]  %+.2f us/call [%+.2f, %+.2f]  budget %.2f: %s"
                        + "  (%d rounds x %d calls, load %s)",
                name, ratio.median(), ratio.low(), ratio.high(), difference.median() / 1e3, difference.low() / 1e3,
                difference.high() / 1e3, budget, verdict(), rounds(), callsPerBlock, load);
    }

    /**
     * A median with its percentile bootstrap 95% interval (resampling rounds with replacement).
     *
     * @param median the sample median
     * @param low    2.5th percentile of the bootstrap medians
     * @param high   97.5th percentile of the bootstrap medians
     */
    public record Interval(double median, double low, double high) {

        static Interval ofMedian(double[] values) {
            SplittableRandom random = new SplittableRandom(SEED);
            double[] medians = new double[RESAMPLES];
            double[] resample = new double[values.length];
            for (int r = 0; r < RESAMPLES; r++) {
                for (int i = 0; i < resample.length; i++) {
                    resample[i] = values[random.nextInt(values.length)];
                }
                medians[r] = PairedRatio.median(resample);
            }
            Arrays.sort(medians);
            return new Interval(PairedRatio.median(values.clone()), medians[(int) Math.floor(0.025 * (RESAMPLES - 1))],
                    medians[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
        }
    }

    /** Sorts {@code values} in place. */
    static double median(double[] values) {
        Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
