package dev.limitless.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.benchmarks.heap.GuardHeap;
import dev.limitless.benchmarks.paired.PairedRatio;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceReportTest {

    private static final String IAM = "dev.limitless.benchmarks.iam.IamTokenCacheBenchmark";
    private static final String REPO = "dev.limitless.benchmarks.repository.RepositoryBenchmark";

    private final Figure baseline = new Figure(IAM, "baselineConcurrentHashMapLookup", "", "avgt", 10, 0.5, "ns/op");
    private final Figure cached = new Figure(IAM, "cachedToken", "", "avgt", 25, 1, "ns/op");
    private final Figure minted = new Figure(IAM, "mintWithoutCache", "", "avgt", 20, 1, "us/op");

    @Test
    void comparesEveryFigureToTheBaselineMethodOfItsClass() {
        List<Figure> all = List.of(baseline, cached, minted);

        assertThat(Baselines.baselineOf(cached, all)).contains(baseline);
        assertThat(PerformanceReport.ratioText(cached, all)).isEqualTo("2.50x baselineConcurrentHashMapLookup");
        assertThat(PerformanceReport.ratioText(minted, all)).isEqualTo("2000.00x baselineConcurrentHashMapLookup");
        assertThat(PerformanceReport.ratioText(baseline, all)).isEqualTo("1.00 (baseline)");
    }

    @Test
    void throughputIsTurnedIntoTimePerOperationBeforeComparing() {
        Figure throughput = new Figure(IAM, "cachedToken", "", "thrpt", 0.04, 0.001, "ops/ns");

        assertThat(throughput.nanosPerOperation()).isEqualTo(25.0);
        assertThat(PerformanceReport.ratio(throughput, baseline)).isEqualTo(2.5);
    }

    @Test
    void benchmarksThatPredateTheConventionUseTheirMappedBaselinePerGroup() {
        Figure plainFind = new Figure(REPO, "afterReadCallbacksSpringDataJdbc", "", "avgt", 100, 1, "ns/op");
        Figure find = new Figure(REPO, "afterReadCallbacksLimitless", "", "avgt", 105, 1, "ns/op");
        Figure plainInsert = new Figure(REPO, "saveCallbacksSpringDataJdbc", "", "avgt", 300, 1, "ns/op");
        Figure insert = new Figure(REPO, "saveCallbacksLimitless", "", "avgt", 330, 1, "ns/op");
        List<Figure> all = List.of(plainFind, find, plainInsert, insert);

        assertThat(Baselines.baselineOf(find, all)).contains(plainFind);
        assertThat(Baselines.baselineOf(insert, all)).contains(plainInsert);
        assertThat(Baselines.isBaseline(plainInsert, all)).isTrue();
        assertThat(PerformanceReport.ratioText(insert, all)).isEqualTo("1.10x saveCallbacksSpringDataJdbc");
    }

    @Test
    void aFloorMeasuredInAClassOfItsOwnIsNamedWithItsClass() {
        Figure floor = new Figure("dev.limitless.benchmarks.baseline.GuardBaselineBenchmark", "baselineMapLookup", "",
                "avgt", 10, 1, "ns/op");
        Figure cachedCheck = new Figure("dev.limitless.benchmarks.guard.GuardCheckBenchmark", "cachedCheck", "", "avgt",
                30, 1, "ns/op");
        List<Figure> all = List.of(floor, cachedCheck);

        assertThat(PerformanceReport.ratioText(cachedCheck, all)).isEqualTo("3.00x GuardBaselineBenchmark.baselineMapLookup");
        assertThat(PerformanceReport.ratioText(floor, all)).isEqualTo("1.00 (baseline)");
    }

    @Test
    void theTableOfAClassShowsRatiosToAFloorInAnotherClass(@TempDir Path docs) throws Exception {
        Figure floor = new Figure("dev.limitless.benchmarks.baseline.GuardBaselineBenchmark", "baselineMapLookup", "",
                "avgt", 10, 1, "ns/op");
        Figure cachedCheck = new Figure("dev.limitless.benchmarks.guard.GuardCheckBenchmark", "cachedCheck", "", "avgt",
                30, 1, "ns/op");

        write(docs, List.of(), List.of(floor, cachedCheck));

        assertThat(Files.readString(docs.resolve("performance.md")))
                .contains("| cachedCheck | avgt | 30.0 | ± 1.00 | ns/op | 3.00x GuardBaselineBenchmark.baselineMapLookup |");
        assertThat(Files.readString(docs.resolve("images/performance-guard-check-benchmark.svg")))
                .contains("3.00x baseline");
    }

    @Test
    void groupsWithSeveralBaselinesPairByTheirFirstWord() {
        String startup = "dev.limitless.benchmarks.x.GroupedBenchmark";
        Figure baselineRead = new Figure(startup, "baselineReadPlain", "", "avgt", 10, 1, "ns/op");
        Figure baselineWrite = new Figure(startup, "baselineWritePlain", "", "avgt", 20, 1, "ns/op");
        Figure write = new Figure(startup, "writeGuarded", "", "avgt", 30, 1, "ns/op");
        Figure unrelated = new Figure(startup, "classify", "", "avgt", 30, 1, "ns/op");
        List<Figure> all = List.of(baselineRead, baselineWrite, write, unrelated);

        assertThat(Baselines.baselineOf(write, all)).contains(baselineWrite);
        assertThat(PerformanceReport.ratioText(unrelated, all)).isEqualTo("-");
    }

    @Test
    void writesTheTablesAndAWellFormedChartPerClass(@TempDir Path docs) throws Exception {
        write(docs, List.of(), List.of(baseline, cached, minted));

        String markdown = Files.readString(docs.resolve("performance.md"));
        assertThat(markdown)
                .contains("- Machine: test machine")
                .contains("| cachedToken | avgt | 25.0 | ± 1.00 | ns/op | 2.50x baselineConcurrentHashMapLookup |")
                .contains("images/performance-iam-token-cache-benchmark.svg");
        byte[] svg = Files.readAllBytes(docs.resolve("images/performance-iam-token-cache-benchmark.svg"));
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("rect").getLength()).isEqualTo(1 + 3);
        assertThat(new String(svg, StandardCharsets.UTF_8)).contains("20.00 us = 2000.00x baseline");
    }

    @Test
    void publishesEachPairWithItsIntervalVerdictAndLoadAndTheGuardHeap(@TempDir Path docs) throws Exception {
        PairedRatio pair = new PairedRatio("guard / raw", 1.02, new double[] {100, 100, 100, 100, 100},
                new double[] {101, 101, 101, 101, 101}, 200, "9.50 9.00 8.00 -> 9.60 9.10 8.10");

        Files.createDirectories(docs.resolve("images"));
        Files.writeString(docs.resolve("images/performance-removed-benchmark.svg"), "<svg/>");
        Files.writeString(docs.resolve("images/diagram.svg"), "<svg/>");

        write(docs, List.of(pair), List.of());

        String markdown = Files.readString(docs.resolve("performance.md"));
        assertThat(markdown)
                .contains("| guard / raw | 100.0 ns | 101.0 ns | 1.010x | [1.010, 1.010] | +1.0 ns [+1.0 ns, +1.0 ns] | 1.02 | met"
                        + " | 5 x 200 | 9.50 9.00 8.00 -> 9.60 9.10 8.10 |")
                .contains("| guard heap, 10,000 distinct statements (mean 120 characters) | | 12.0 MB | | | | 32 MB | met |")
                .contains("- Load average (1, 5, 15 min), start -> end of the run: 1.00 -> 2.00")
                .contains("--quick --check")
                .doesNotContain("by hand, after");
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(docs.resolve("images/" + PerformanceReport.PAIRED_CHART))));
        assertThat(document.getElementsByTagName("circle").getLength()).isEqualTo(1);
        assertThat(docs.resolve("images/performance-removed-benchmark.svg")).doesNotExist();
        assertThat(docs.resolve("images/diagram.svg")).exists();
    }

    @Test
    void theSpringDataJpaPairsGetASectionOfTheirOwn(@TempDir Path docs) throws Exception {
        PairedRatio guard = new PairedRatio("guard / raw", 1.02, new double[] {100, 100, 100},
                new double[] {101, 101, 101}, 200, "1 -> 1");
        PairedRatio jpaFind = new PairedRatio(dev.limitless.benchmarks.jpa.JpaPairs.NAME_PREFIX
                + " with the library / without, find by id", 1.03, new double[] {200, 200, 200},
                new double[] {204, 204, 204}, 100, "1 -> 1");

        write(docs, List.of(guard), List.of());
        assertThat(Files.readString(docs.resolve("performance.md"))).doesNotContain("## Spring Data JPA");

        write(docs, List.of(guard, jpaFind), List.of());
        String markdown = Files.readString(docs.resolve("performance.md"));
        String section = markdown.substring(markdown.indexOf("## Spring Data JPA"));
        assertThat(section)
                .contains("| Spring Data JPA with the library / without, find by id | 200.0 ns | 204.0 ns | 1.020x |"
                        + " [1.020, 1.020] | 1.03 | met |")
                .doesNotContain("guard / raw");
    }

    private static void write(Path docs, List<PairedRatio> pairs, List<Figure> figures) throws Exception {
        PerformanceReport.write(docs, pairs, new GuardHeap.Result(10_000, 12L * 1024 * 1024, 120), figures,
                new PerformanceReport.Run("test machine", null, "1.00 -> 2.00", "paired settings", "jmh settings",
                        "--quick", Duration.ofMinutes(3)));
    }

    @Test
    void activeKeySectionIsComputedFromTheRunsFigures() {
        String benchmark = "dev.limitless.benchmarks.activekey.ActiveShardKeyBenchmark";
        List<Figure> figures = List.of(
                new Figure(benchmark, "baselineExplicitKeys", "", "avgt", 400, 10, "us/op"),
                new Figure(benchmark, "scopedExplicitKeys", "", "avgt", 500, 10, "us/op"),
                new Figure(benchmark, "scopedWithoutKeys", "", "avgt", 600, 10, "us/op"));
        String section = PerformanceReport.activeKeySection(figures);
        assertThat(section).contains("SET LOCAL rds_aurora.limitless_active_shard_key").contains("ratio 1.25")
                .contains("1.50x the time of explicit keys").contains("+100");
        assertThat(PerformanceReport.activeKeySection(figures.subList(0, 1))).doesNotContain("ratio");
    }
}
