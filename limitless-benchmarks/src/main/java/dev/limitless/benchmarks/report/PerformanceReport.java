package dev.limitless.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of this module through JMH's Java API and writes {@code performance.md} (one table per
 * benchmark class: score, error, ratio to the class's baseline, see {@link Baselines}) and one hand-written SVG bar
 * chart per class into {@code images/performance-<class>.svg}.
 *
 * <pre>
 * ./mvnw -B -q -pl limitless-benchmarks -am package -DskipTests
 * java -cp limitless-benchmarks/target/limitless-benchmarks.jar dev.limitless.benchmarks.report.PerformanceReport \
 *     [--include REGEX] [--forks 1] [--warmup 2] [--iterations 3] [--time 1] [--docs docs] [--note TEXT]
 * </pre>
 *
 * The defaults are short (one fork, two warm-up and three measured iterations of one second): enough to rank and
 * compare in one run on a laptop in a few minutes, not to publish single-digit-percent differences. Raise them for
 * that. Benchmarks that fix their own iterations with annotations (the start-up benchmark) keep them.
 */
public final class PerformanceReport {

    private PerformanceReport() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Map<String, String> options = options(args);
        Path docs = Path.of(options.getOrDefault("docs", "docs"));
        String include = options.getOrDefault("include", "dev\\.limitless\\.benchmarks\\..*");
        int forks = Integer.parseInt(options.getOrDefault("forks", "1"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "2"));
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "3"));
        int seconds = Integer.parseInt(options.getOrDefault("time", "1"));
        ChainedOptionsBuilder jmh = new OptionsBuilder()
                .include(include)
                .forks(forks)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .shouldFailOnError(false);
        Collection<RunResult> results = new Runner(jmh.build()).run();
        List<Figure> figures = new ArrayList<>();
        for (RunResult result : results) {
            figures.add(figure(result));
        }
        String settings = String.format(Locale.ROOT, "%d fork(s), %d warm-up and %d measured iterations of %d s",
                forks, warmup, iterations, seconds);
        String machine = machine();
        if (options.containsKey("note")) {
            machine += ". " + options.get("note");
        }
        write(docs, figures, settings, machine);
    }

    private static Figure figure(RunResult result) {
        var params = result.getParams();
        String benchmark = params.getBenchmark();
        int split = benchmark.lastIndexOf('.');
        String parameters = params.getParamsKeys().stream()
                .map(key -> key + "=" + params.getParam(key))
                .collect(Collectors.joining(", "));
        var primary = result.getPrimaryResult();
        return new Figure(benchmark.substring(0, split), benchmark.substring(split + 1), parameters,
                params.getMode().shortLabel(), primary.getScore(), primary.getScoreError(), primary.getScoreUnit());
    }

    /** The machine and JVM the figures were measured on. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the processor count and OS below still say what kind of machine it was
        }
        return String.format(Locale.ROOT, "%s, %d CPUs available to the JVM, %s %s; JVM %s %s (%s), max heap %d MB",
                cpu, Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("java.vm.vendor"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** Writes performance.md and the charts. */
    static void write(Path docs, List<Figure> figures, String settings, String machine) throws IOException {
        Path images = docs.resolve("images");
        Files.createDirectories(images);
        Map<String, List<Figure>> groups = figures.stream()
                .collect(Collectors.groupingBy(Figure::group, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<Figure>> group : groups.entrySet()) {
            Files.writeString(images.resolve(chartName(group.getKey())),
                    Charts.bars(group.getKey(), group.getValue(), figures), StandardCharsets.UTF_8);
        }
        Files.writeString(docs.resolve("performance.md"), markdown(groups, figures, settings, machine), StandardCharsets.UTF_8);
    }

    static String markdown(Map<String, List<Figure>> groups, List<Figure> all, String settings, String machine) {
        StringBuilder out = new StringBuilder();
        out.append("# Performance\n\n")
                .append("Generated by `dev.limitless.benchmarks.report.PerformanceReport` on ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(". Do not edit by hand: rerun it.\n\n")
                .append("- Machine: ").append(machine).append('\n')
                .append("- JMH settings: ").append(settings).append('\n')
                .append("- Every ratio is to a baseline measured in the same run, in the same JVM fork settings:"
                        + " the benchmark class's `baseline*` method (or the mapping in `Baselines` for benchmarks"
                        + " written before that convention). Ratios travel between machines far better than"
                        + " absolute times. Where a score's error interval overlaps its baseline's, the ratio is"
                        + " within the noise of the run: rerun with more forks and iterations before concluding.\n\n")
                .append("Reproduce:\n\n```\n./mvnw -B -q -pl limitless-benchmarks -am package -DskipTests\n")
                .append("java -cp limitless-benchmarks/target/limitless-benchmarks.jar dev.limitless.benchmarks.report.PerformanceReport\n")
                .append("```\n\nOptions: `--include REGEX` (benchmarks to run), `--forks`, `--warmup`, `--iterations`,"
                        + " `--time` (seconds per iteration), `--docs DIR` (where to write), `--note TEXT` (said after the machine, e.g. what else ran on it). The connection storm,"
                        + " fault and hostile-input figures are in [reliability.md](reliability.md).\n");
        for (Map.Entry<String, List<Figure>> group : groups.entrySet()) {
            List<Figure> figures = group.getValue();
            out.append("\n## ").append(group.getKey()).append("\n\n")
                    .append("`").append(figures.get(0).benchmarkClass()).append("`\n\n")
                    .append("![").append(group.getKey()).append("](images/").append(chartName(group.getKey())).append(")\n\n")
                    .append("| benchmark | mode | score | error (99.9%) | unit | ratio to baseline |\n")
                    .append("|---|---|---:|---:|---|---:|\n");
            for (Figure figure : figures) {
                out.append("| ").append(figure.label())
                        .append(" | ").append(figure.mode())
                        .append(" | ").append(number(figure.score()))
                        .append(" | ").append(Double.isNaN(figure.error()) ? "-" : "± " + number(figure.error()))
                        .append(" | ").append(figure.unit())
                        .append(" | ").append(ratioText(figure, all))
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    static String ratioText(Figure figure, List<Figure> all) {
        Optional<Figure> baseline = Baselines.baselineOf(figure, all);
        if (baseline.isPresent()) {
            String name = baseline.get().group().equals(figure.group()) ? baseline.get().method()
                    : baseline.get().group() + "." + baseline.get().method();
            return String.format(Locale.ROOT, "%.2fx %s", ratio(figure, baseline.get()), name);
        }
        return Baselines.isBaseline(figure, all) || figure.method().startsWith("baseline") ? "1.00 (baseline)" : "-";
    }

    static double ratio(Figure figure, Figure baseline) {
        return figure.nanosPerOperation() / baseline.nanosPerOperation();
    }

    static String chartName(String group) {
        return "performance-" + group.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + ".svg";
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Usage: PerformanceReport [--include REGEX] [--forks N] [--warmup N]"
                        + " [--iterations N] [--time SECONDS] [--docs DIR] [--note TEXT]; got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
