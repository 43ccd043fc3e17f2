package dev.limitless.benchmarks.report;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which benchmark each figure is a ratio to. The convention: a benchmark class measures its baseline in a method
 * whose name starts with {@code baseline}; every other method of the class (with the same parameters) is reported
 * as a ratio to it. A class with several groups names one baseline per group, {@code baseline<Group>...}, and a
 * method belongs to the group whose name it starts with ({@code baselineInsert...} is the baseline of
 * {@code insert...}).
 *
 * <p>Benchmarks written before the convention are mapped here by name until they are renamed; new benchmarks
 * follow the convention and need no entry.
 */
final class Baselines {

    /**
     * {@code SimpleClassName.method -> baseline} for benchmarks that predate the convention; the baseline is a method
     * of the same class, or {@code OtherClass.method} for a floor measured in a class of its own.
     */
    private static final Map<String, String> EXPLICIT = Map.ofEntries(
            Map.entry("GuardCheckBenchmark.cachedCheck", "GuardBaselineBenchmark.baselineMapLookup"),
            Map.entry("GuardCheckBenchmark.firstAnalysis", "GuardBaselineBenchmark.baselineParseOnly"),
            Map.entry("RepositoryBenchmark.afterReadCallbacksLimitless", "afterReadCallbacksSpringDataJdbc"),
            Map.entry("RepositoryBenchmark.saveCallbacksLimitless", "saveCallbacksSpringDataJdbc"));

    private Baselines() {
    }

    /** Whether {@code figure} is some other figure's baseline. */
    static boolean isBaseline(Figure figure, Collection<Figure> all) {
        return all.stream().anyMatch(other -> other != figure && baselineOf(other, all)
                .filter(baseline -> baseline == figure).isPresent());
    }

    /** The figure {@code figure} is compared to, measured in the same run, if any. */
    static Optional<Figure> baselineOf(Figure figure, Collection<Figure> all) {
        if (figure.method().startsWith("baseline")) {
            return Optional.empty();
        }
        List<Figure> sameClass = all.stream()
                .filter(other -> other.benchmarkClass().equals(figure.benchmarkClass()))
                .filter(other -> other.params().equals(figure.params()))
                .toList();
        String explicit = EXPLICIT.get(figure.group() + "." + figure.method());
        if (explicit != null && explicit.contains(".")) {
            String group = explicit.substring(0, explicit.indexOf('.'));
            String method = explicit.substring(explicit.indexOf('.') + 1);
            return all.stream().filter(other -> other.group().equals(group) && other.method().equals(method)).findFirst();
        }
        if (explicit != null) {
            return sameClass.stream().filter(other -> other.method().equals(explicit)).findFirst();
        }
        List<Figure> baselines = sameClass.stream().filter(other -> other.method().startsWith("baseline")).toList();
        if (baselines.size() == 1) {
            return Optional.of(baselines.get(0));
        }
        String method = figure.method().toLowerCase(java.util.Locale.ROOT);
        return baselines.stream()
                .filter(baseline -> baseline.method().length() > "baseline".length())
                .filter(baseline -> method.startsWith(firstWord(baseline.method().substring("baseline".length()))))
                .findFirst();
    }

    /** {@code InsertSpringData} -> {@code insert}: the first camel-case word, lower case. */
    private static String firstWord(String camel) {
        int end = 1;
        while (end < camel.length() && !Character.isUpperCase(camel.charAt(end))) {
            end++;
        }
        return camel.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    }
}
