package dev.limitless.benchmarks.report;

import dev.limitless.benchmarks.heap.GuardHeap;
import dev.limitless.benchmarks.coldstart.ColdStart;
import dev.limitless.benchmarks.jpa.JpaPairs;
import dev.limitless.benchmarks.paired.FirstAnalysisPairs;
import dev.limitless.benchmarks.paired.GuardedSelectPairs;
import dev.limitless.benchmarks.paired.LoadAverage;
import dev.limitless.benchmarks.paired.PairedRatio;
import dev.limitless.benchmarks.paired.PairedRunner;
import dev.limitless.benchmarks.repository.RepositoryPairs;
import dev.limitless.benchmarks.sqs.SqsWriterLoad;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Measures this project's budgets and writes every figure of {@code performance.md} and its charts
 * ({@code images/performance-*.svg}); nothing in that page is typed by hand.
 *
 * <ol>
 *   <li>The budgeted pairs, each measured by {@link PairedRunner}: both sides in this JVM, in alternating timed
 *       blocks, published as the median ratio with a bootstrap 95% interval ({@link PairedRatio}). A budget is met
 *       only when the interval's upper bound is under it.</li>
 *   <li>The guard's heap for 10,000 distinct statements ({@link GuardHeap}).</li>
 *   <li>The JMH benchmarks of this module (the library's own cost per call measured alone, first analyses, IAM
 *       tokens, start-up), one table per class with the ratio to the class's baseline ({@link Baselines}).</li>
 * </ol>
 *
 * <pre>
 * ./mvnw -B -q -pl limitless-benchmarks -am package -DskipTests
 * java -cp limitless-benchmarks/target/limitless-benchmarks.jar dev.limitless.benchmarks.report.PerformanceReport \
 *     [--include REGEX] [--forks 3] [--warmup 3] [--iterations 5] [--time 2] [--rounds 400] [--block 200]
 *     [--warmup-rounds 50] [--cold-pairs 10] [--docs docs] [--note TEXT] [--quick] [--check] [--sqs-batches 300]
 * </pre>
 *
 * {@code --quick} measures only the budgeted pairs of the JDBC path and the repository and the guard heap (not the
 * first-analysis pair and the cold start, which only the full run measures), with fewer rounds, and writes nothing unless
 * {@code --docs} is given; {@code --check} then exits with status 1 when a budget is missed beyond the interval
 * (its lower bound over the budget) or the heap is over its budget. A ratio whose interval contains the budget is
 * reported UNDECIDED and does not fail the check: the run could not tell.
 */
public final class PerformanceReport {

    /** Rounds, block size and warm-up of the paired measurements; repository calls are about twice as long. */
    static final PairedRunner.Settings FULL = new PairedRunner.Settings(100, 400, 200);
    static final PairedRunner.Settings QUICK = new PairedRunner.Settings(60, 120, 100);

    private PerformanceReport() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        boolean quick = options.containsKey("quick");
        boolean check = options.containsKey("check");
        PairedRunner.Settings defaults = quick ? QUICK : FULL;
        PairedRunner.Settings paired = new PairedRunner.Settings(
                Integer.parseInt(options.getOrDefault("warmup-rounds", String.valueOf(defaults.warmupRounds()))),
                Integer.parseInt(options.getOrDefault("rounds", String.valueOf(defaults.rounds()))),
                Integer.parseInt(options.getOrDefault("block", String.valueOf(defaults.callsPerBlock()))));
        PairedRunner.Settings repositoryPaired = new PairedRunner.Settings(paired.warmupRounds(), paired.rounds(),
                Math.max(1, paired.callsPerBlock() / 2));
        // an analysis costs about three PK SELECTs: a quarter of the block lasts about as long
        PairedRunner.Settings analysisPaired = new PairedRunner.Settings(paired.warmupRounds(), paired.rounds(),
                Math.max(1, paired.callsPerBlock() / 4));
        String loadAtStart = LoadAverage.now();
        Instant started = Instant.now();

        GuardHeap.Result heap = GuardHeap.measure();
        System.out.println(heap.summary());
        List<PairedRatio> pairs = new ArrayList<>();
        for (PairedRatio pair : GuardedSelectPairs.measure(paired)) {
            System.out.println(pair.summary());
            pairs.add(pair);
        }
        for (PairedRatio pair : RepositoryPairs.measure(repositoryPaired)) {
            System.out.println(pair.summary());
            pairs.add(pair);
        }
        for (PairedRatio pair : JpaPairs.measure(repositoryPaired)) {
            System.out.println(pair.summary());
            pairs.add(pair);
        }

        int sqsBatches = Integer.parseInt(options.getOrDefault("sqs-batches", quick ? "0" : "300"));
        List<SqsWriterLoad.Result> sqs = sqsBatches > 0 ? SqsWriterLoad.measure(sqsBatches / 5, sqsBatches) : List.of();

        List<Figure> figures = new ArrayList<>();
        String jmhSettings = "not run (--quick)";
        if (!quick) {
            // the guard's own budget of issue 13, not one of the pairs --quick --check watches
            for (PairedRatio pair : FirstAnalysisPairs.measure(analysisPaired)) {
                System.out.println(pair.summary());
                pairs.add(pair);
            }
            // fresh JVMs, one of each setting per pair: the first request of a cold environment
            for (PairedRatio pair : ColdStart.measure(Integer.parseInt(options.getOrDefault("cold-pairs", "10")))) {
                System.out.println(pair.summary());
                pairs.add(pair);
            }
            String include = options.getOrDefault("include", "dev\\.limitless\\.benchmarks\\..*");
            int forks = Integer.parseInt(options.getOrDefault("forks", "3"));
            int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
            int iterations = Integer.parseInt(options.getOrDefault("iterations", "5"));
            int seconds = Integer.parseInt(options.getOrDefault("time", "2"));
            ChainedOptionsBuilder jmh = new OptionsBuilder()
                    .include(include)
                    .forks(forks)
                    .warmupIterations(warmup)
                    .warmupTime(TimeValue.seconds(seconds))
                    .measurementIterations(iterations)
                    .measurementTime(TimeValue.seconds(seconds))
                    .shouldFailOnError(false);
            Collection<RunResult> results = new Runner(jmh.build()).run();
            for (RunResult result : results) {
                figures.add(figure(result));
            }
            jmhSettings = String.format(Locale.ROOT, "%d fork(s), %d warm-up and %d measured iterations of %d s"
                    + " (benchmarks that fix their own with annotations keep them)", forks, warmup, iterations, seconds);
        }
        Duration took = Duration.between(started, Instant.now());
        Run run = new Run(machine(), options.get("note"), loadAtStart + " -> " + LoadAverage.now(),
                String.format(Locale.ROOT, "%d warm-up and %d measured rounds, blocks of %d calls (%d for the"
                        + " repository pairs, %d for the first-analysis pair), %d bootstrap resamples; before the first pair of a fixture, every side of the fixture"
                        + " runs the warm-up rounds in turn", paired.warmupRounds(), paired.rounds(),
                        paired.callsPerBlock(), repositoryPaired.callsPerBlock(), analysisPaired.callsPerBlock(), PairedRatio.RESAMPLES),
                jmhSettings, String.join(" ", args), took);
        if (!quick || options.containsKey("docs")) {
            write(Path.of(options.getOrDefault("docs", "docs")), pairs, heap, figures, run,
                    SqsWriterLoad.markdown(sqs, sqsBatches));
        }
        System.out.printf(Locale.ROOT, "took %d s, load average %s%n", took.toSeconds(), run.load());
        if (check) {
            boolean missed = !heap.met() || pairs.stream().anyMatch(p -> p.verdict() == PairedRatio.Verdict.MISSED);
            System.out.println(missed ? "CHECK FAILED: a budget is missed beyond its interval"
                    : "CHECK PASSED: no budget missed beyond its interval");
            System.exit(missed ? 1 : 0);
        }
    }

    /**
     * What the figures were measured with.
     *
     * @param machine CPU, processors, OS and JVM
     * @param note    what else ran on the machine, or null
     * @param load    load average (1, 5, 15 min) at the start and at the end of the run
     * @param paired  settings of the paired measurements
     * @param jmh     settings of the JMH run
     * @param command the options the report was run with
     * @param took    wall time of the whole run
     */
    record Run(String machine, String note, String load, String paired, String jmh, String command, Duration took) {
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
    static void write(Path docs, List<PairedRatio> pairs, GuardHeap.Result heap, List<Figure> figures, Run run)
            throws IOException {
        write(docs, pairs, heap, figures, run, "");
    }

    /** Writes performance.md (with {@code extraSections} at its end, e.g. the SQS writer's) and the charts. */
    static void write(Path docs, List<PairedRatio> pairs, GuardHeap.Result heap, List<Figure> figures, Run run,
            String extraSections) throws IOException {
        Path images = docs.resolve("images");
        Files.createDirectories(images);
        Map<String, List<Figure>> groups = figures.stream()
                .collect(Collectors.groupingBy(Figure::group, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<Figure>> group : groups.entrySet()) {
            Files.writeString(images.resolve(chartName(group.getKey())),
                    Charts.bars(group.getKey(), group.getValue(), figures), StandardCharsets.UTF_8);
        }
        Files.writeString(images.resolve(PAIRED_CHART), Charts.intervals(pairs), StandardCharsets.UTF_8);
        // charts of benchmarks that no longer exist would otherwise outlive them
        java.util.Set<String> written = new java.util.HashSet<>();
        written.add(PAIRED_CHART);
        groups.keySet().forEach(group -> written.add(chartName(group)));
        try (var charts = Files.newDirectoryStream(images, "performance-*.svg")) {
            for (Path chart : charts) {
                if (!written.contains(chart.getFileName().toString())) {
                    Files.delete(chart);
                }
            }
        }
        Files.writeString(docs.resolve("performance.md"), markdown(pairs, heap, groups, figures, run) + extraSections,
                StandardCharsets.UTF_8);
    }

    static final String PAIRED_CHART = "performance-paired-budgets.svg";

    static String markdown(List<PairedRatio> pairs, GuardHeap.Result heap, Map<String, List<Figure>> groups,
            List<Figure> all, Run run) {
        StringBuilder out = new StringBuilder();
        out.append("# Performance\n\n")
                .append("Generated by `dev.limitless.benchmarks.report.PerformanceReport` on ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(". Every figure on this page and in its charts comes from that run: do not edit by hand, rerun it.\n\n")
                .append("- Machine: ").append(run.machine()).append('\n');
        if (run.note() != null) {
            out.append("- Note: ").append(run.note()).append('\n');
        }
        out.append("- Load average (1, 5, 15 min), start -> end of the run: ").append(run.load())
                .append(". Above the processor count, other work shared the machine: absolute times are then"
                        + " pessimistic and intervals wide.\n")
                .append("- Paired measurements: ").append(run.paired()).append('\n')
                .append("- JMH: ").append(run.jmh()).append('\n')
                .append("- Options: `").append(run.command().isBlank() ? "(defaults)" : run.command())
                .append("`; the run took ").append(run.took().toMinutes()).append(" min\n\n");
        out.append("## Budgets\n\n")
                .append("Each pair runs both sides in the same JVM, one thread, in alternating timed blocks (baseline"
                        + " then candidate, then the other way round), after warm-up rounds of both. A round gives one"
                        + " ratio of the per-call times; the table shows the median ratio over the rounds and its"
                        + " bootstrap 95% interval (rounds resampled with replacement), and the same for the time the"
                        + " candidate adds per call. A budget is **met** only when the interval's upper bound is under"
                        + " it, **missed** when even its lower bound is over it, and **undecided** otherwise; a pair whose budget is"
                        + " **none** is measured for information. The interval covers"
                        + " the variation between rounds of one run, not between runs (JIT decisions, which backend"
                        + " process serves which pool): on a loaded machine two runs of the repository pairs have"
                        + " disagreed by more than their intervals, so judge a budget on the long run on a quiet"
                        + " machine, and a miss in `--check` by rerunning it.\n\n")
                .append("![paired budgets](images/").append(PAIRED_CHART).append(")\n\n")
                .append("| pair | baseline per call (median) | candidate per call (median) | ratio (median of rounds) | 95% interval | added per call"
                        + " [95% interval] | budget | verdict | rounds x calls | load average |\n")
                .append("|---|---:|---:|---:|---|---|---:|---|---|---|\n");
        for (PairedRatio pair : pairs) {
            PairedRatio.Interval ratio = pair.ratio();
            PairedRatio.Interval added = pair.difference();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3fx | [%.3f, %.3f] | %s [%s, %s] | %s | %s |"
                            + " %d x %d | %s |\n", pair.name(), Charts.duration(pair.baselineMedianNanos()),
                    Charts.duration(pair.candidateMedianNanos()), ratio.median(), ratio.low(), ratio.high(),
                    signed(added.median()), signed(added.low()), signed(added.high()),
                    pair.budgeted() ? String.format(Locale.ROOT, "%.2f", pair.budget()) : "none",
                    pair.verdict().name().toLowerCase(Locale.ROOT), pair.rounds(), pair.callsPerBlock(), pair.load()));
        }
        out.append(String.format(Locale.ROOT, "| guard heap, %,d distinct statements (mean %.0f characters) | | %.1f MB"
                        + " | | | | %d MB | %s | | |\n", heap.statements(), heap.meanLength(), heap.bytes() / 1048576.0,
                GuardHeap.BUDGET_BYTES / 1048576, heap.met() ? "met" : "missed"));
        out.append(jpaSection(pairs));
        out.append("\nThe database round trip dominates these pairs; what the library itself costs per call is"
                + " measured alone, without a database, by `LibraryCostBenchmark` (the JDBC wrapper, guard, pinning"
                + " check and metrics over a JDBC driver stub) and by the `*Callbacks*` methods of"
                + " `RepositoryBenchmark` (the repository layer's entity callbacks), below.\n\n")
                .append("Check the budgets of the JDBC path, the repository and the heap in at most 10 minutes on a"
                        + " 2-core machine (exit status 1 when a budget is missed beyond its interval; writes nothing"
                        + " unless `--docs` is given; the first-analysis pair and the cold start run only in the full"
                        + " run):\n\n```\n"
                        + "./mvnw -B -q -pl limitless-benchmarks -am package -DskipTests\n"
                        + "java -cp limitless-benchmarks/target/limitless-benchmarks.jar"
                        + " dev.limitless.benchmarks.report.PerformanceReport --quick --check\n```\n\n")
                .append("Regenerate this page (on a quiet machine; about an hour):\n\n```\n"
                        + "java -cp limitless-benchmarks/target/limitless-benchmarks.jar"
                        + " dev.limitless.benchmarks.report.PerformanceReport --note \"what else ran\"\n```\n\n")
                .append("Options: `--rounds`, `--block` (calls per timed block), `--warmup-rounds` for the pairs;"
                        + " `--cold-pairs N` (pairs of fresh JVMs for the cold start, not run with `--quick`);"
                        + " `--include REGEX`, `--forks`, `--warmup`, `--iterations`, `--time` (seconds per iteration)"
                        + " for JMH; `--docs DIR` (where to write), `--note TEXT` (what else ran on the machine),"
                        + " `--sqs-batches N` (batches per row of the SQS writer section; 0 leaves it out)."
                        + " The connection storm, fault and hostile-input figures are in"
                        + " [reliability.md](reliability.md).\n");
        if (!groups.isEmpty()) {
            out.append("\n## JMH benchmarks\n\nEvery ratio below is to a baseline measured in the same run: the"
                    + " benchmark class's `baseline*` method (or the mapping in `Baselines`). These ratios compare"
                    + " results of separate forks run one after the other: where a score's error interval overlaps"
                    + " its baseline's, the ratio is within the noise of the run. Budgets are judged only by the"
                    + " paired measurements above.\n");
        }
        for (Map.Entry<String, List<Figure>> group : groups.entrySet()) {
            List<Figure> figures = group.getValue();
            out.append("\n### ").append(group.getKey()).append("\n\n")
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
            if (group.getKey().equals(ACTIVE_KEY_GROUP)) {
                out.append(activeKeySection(figures));
            }
        }
        return out.toString();
    }

    static final String ACTIVE_KEY_GROUP = "ActiveShardKeyBenchmark";

    /**
     * The active shard key's cost, from the figures of {@code ActiveShardKeyBenchmark} in this run: the extra
     * {@code SET LOCAL} per transaction, and the ratio of key-less scoped work to explicit keys.
     */
    static String activeKeySection(List<Figure> figures) {
        Optional<Figure> baseline = figures.stream().filter(f -> f.method().equals("baselineExplicitKeys")).findFirst();
        Optional<Figure> scopedExplicit = figures.stream().filter(f -> f.method().equals("scopedExplicitKeys")).findFirst();
        Optional<Figure> scopedKeyLess = figures.stream().filter(f -> f.method().equals("scopedWithoutKeys")).findFirst();
        StringBuilder out = new StringBuilder("\nActive shard key ([active-shard-key.md](active-shard-key.md)): one"
                + " transaction of three statements through the guarded data source on the local emulation.");
        if (baseline.isPresent() && scopedExplicit.isPresent()) {
            out.append(" Running the same explicit-key statements inside the scope (`scopedExplicitKeys`: the"
                    + " `SET LOCAL rds_aurora.limitless_active_shard_key` sent once per transaction, the scope's bookkeeping,"
                    + " and on the emulation the row-level security and trigger that the key switches on) costs ")
                    .append(signed(scopedExplicit.get().nanosPerOperation() - baseline.get().nanosPerOperation()))
                    .append(" per transaction here (`scopedExplicitKeys` - `baselineExplicitKeys`, ratio ")
                    .append(String.format(Locale.ROOT, "%.2f", ratio(scopedExplicit.get(), baseline.get())))
                    .append("). On Aurora the client-side part is one more statement, one round trip to the router, per"
                            + " transaction; the emulation's per-row policy evaluation has no Aurora counterpart.");
        }
        if (baseline.isPresent() && scopedKeyLess.isPresent()) {
            out.append(" The same transaction written without key predicates inside the scope (`scopedWithoutKeys`) runs at ")
                    .append(String.format(Locale.ROOT, "%.2f", ratio(scopedKeyLess.get(), baseline.get())))
                    .append("x the time of explicit keys; on the emulation that includes row-level security evaluated over"
                            + " every partition, which Aurora's router, appending the key, does not pay.");
        }
        return out.append('\n').toString();
    }

    /**
     * The Spring Data JPA pairs again, with what they compare: Hibernate with the library (guarded DataSource,
     * refusing pinning policy, limitless-data-jpa) and without it, in one JVM (docs/jpa.md links here).
     */
    static String jpaSection(List<PairedRatio> pairs) {
        List<PairedRatio> jpa = pairs.stream().filter(pair -> pair.name().startsWith(JpaPairs.NAME_PREFIX)).toList();
        if (jpa.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n## Spring Data JPA\n\n")
                .append("A Spring Data JPA repository on Hibernate, find by id and insert (`save` of a new entity) of one"
                        + " sharded entity, with the library (the guarded DataSource with the refusing pinning policy,"
                        + " and limitless-data-jpa: the start-up checks and the flush-time shard-key listener) and"
                        + " without it (Hibernate on the bare pool): same entity, same table, one pool of one connection"
                        + " shared by both, paired in one JVM as above (`JpaPairs`). See [jpa.md](jpa.md).\n\n")
                .append("| pair | without (median) | with (median) | ratio (median of rounds) | 95% interval | budget | verdict |\n")
                .append("|---|---:|---:|---:|---|---:|---|\n");
        for (PairedRatio pair : jpa) {
            PairedRatio.Interval ratio = pair.ratio();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3fx | [%.3f, %.3f] | %.2f | %s |\n", pair.name(),
                    Charts.duration(pair.baselineMedianNanos()), Charts.duration(pair.candidateMedianNanos()),
                    ratio.median(), ratio.low(), ratio.high(), pair.budget(), pair.verdict().name().toLowerCase(Locale.ROOT)));
        }
        return out.toString();
    }

    private static String signed(double nanos) {
        return (nanos < 0 ? "-" : "+") + Charts.duration(Math.abs(nanos));
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

    private static final java.util.Set<String> FLAGS = java.util.Set.of("quick", "check");

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name != null && FLAGS.contains(name)) {
                options.put(name, "true");
                continue;
            }
            if (name == null || i + 1 >= args.length) {
                throw new IllegalArgumentException("Usage: PerformanceReport [--quick] [--check] [--rounds N] [--block N]"
                        + " [--warmup-rounds N] [--include REGEX] [--forks N] [--warmup N] [--iterations N]"
                        + " [--time SECONDS] [--docs DIR] [--note TEXT] [--sqs-batches N]; got '" + args[i] + "'");
            }
            options.put(name, args[++i]);
        }
        return options;
    }
}
