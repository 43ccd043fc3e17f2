package dev.limitless.benchmarks.report;

import java.util.Locale;

/**
 * One benchmark's result as the report shows it.
 *
 * @param benchmarkClass fully qualified class name
 * @param method         benchmark method
 * @param params         JMH parameters as {@code name=value, ...}, empty when none
 * @param mode           JMH mode short label ({@code avgt}, {@code sample}, {@code ss}, {@code thrpt})
 * @param score          primary score in {@code unit}
 * @param error          99.9% confidence half-width in {@code unit} ({@code NaN} when JMH could not compute one)
 * @param unit           JMH's unit, e.g. {@code ns/op} or {@code ops/ms}
 */
public record Figure(String benchmarkClass, String method, String params, String mode, double score, double error,
                     String unit) {

    /** The score as nanoseconds per operation, whatever the mode's unit (throughput is inverted). */
    public double nanosPerOperation() {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("Unknown JMH unit " + unit);
        }
        if (parts[1].equals("op")) {
            return score * nanos(parts[0]);
        }
        if (parts[0].equals("ops")) {
            return nanos(parts[1]) / score;
        }
        throw new IllegalArgumentException("Unknown JMH unit " + unit);
    }

    /** Class simple name, the group a figure is shown in. */
    public String group() {
        return benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
    }

    /** Method and parameters, the row label. */
    public String label() {
        return params.isEmpty() ? method : method + " (" + params + ")";
    }

    private static double nanos(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            default -> throw new IllegalArgumentException("Unknown JMH time unit " + unit);
        };
    }
}
