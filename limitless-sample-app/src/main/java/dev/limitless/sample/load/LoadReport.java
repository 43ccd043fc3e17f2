package dev.limitless.sample.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a load run measured.
 *
 * @param elapsed from the first request to the last answer
 * @param concurrency requests in flight at once
 * @param operations per operation, in {@link Operation} order
 * @param overall all operations together
 */
record LoadReport(Duration elapsed, int concurrency, Map<Operation, Stats> operations, Stats overall) {

    /**
     * Figures of one operation (or of all).
     *
     * @param requests answered requests
     * @param unexpected answers with a status the sample should not give, plus requests that got no answer
     * @param statuses how many answers had each HTTP status
     * @param p50 median latency
     * @param p90 90th percentile latency
     * @param p99 99th percentile latency
     * @param max slowest request
     */
    record Stats(long requests, long unexpected, SortedMap<Integer, Long> statuses, Duration p50, Duration p90,
            Duration p99, Duration max) {
    }

    double throughput() {
        return overall.requests() / (elapsed.toNanos() / 1e9);
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%d requests in %.1f s with %d in flight: %.1f requests/s, %d unexpected%n",
                overall.requests(), elapsed.toNanos() / 1e9, concurrency, throughput(), overall.unexpected());
        out.printf(Locale.ROOT, "%-20s %9s %9s %9s %9s %9s  %s%n", "operation", "requests", "p50 ms", "p90 ms", "p99 ms",
                "max ms", "statuses");
        operations.forEach((operation, stats) -> line(out, operation.label(), stats));
        line(out, "all", overall);
    }

    private static void line(PrintStream out, String label, Stats stats) {
        out.printf(Locale.ROOT, "%-20s %9d %9.2f %9.2f %9.2f %9.2f  %s%n", label, stats.requests(), millis(stats.p50()),
                millis(stats.p90()), millis(stats.p99()), millis(stats.max()), stats.statuses());
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
