package dev.limitless.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Figure plainFind = new Figure(REPO, "findByKeySpringDataJdbc", "", "avgt", 100, 1, "us/op");
        Figure find = new Figure(REPO, "findByKeyLimitlessRepository", "", "avgt", 105, 1, "us/op");
        Figure plainInsert = new Figure(REPO, "insertSpringDataJdbc", "", "avgt", 300, 1, "us/op");
        Figure insert = new Figure(REPO, "insertLimitlessRepository", "", "avgt", 330, 1, "us/op");
        List<Figure> all = List.of(plainFind, find, plainInsert, insert);

        assertThat(Baselines.baselineOf(find, all)).contains(plainFind);
        assertThat(Baselines.baselineOf(insert, all)).contains(plainInsert);
        assertThat(Baselines.isBaseline(plainInsert, all)).isTrue();
        assertThat(PerformanceReport.ratioText(insert, all)).isEqualTo("1.10x insertSpringDataJdbc");
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

        PerformanceReport.write(docs, List.of(floor, cachedCheck), "1 fork", "test machine");

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
        PerformanceReport.write(docs, List.of(baseline, cached, minted), "1 fork", "test machine");

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
}
