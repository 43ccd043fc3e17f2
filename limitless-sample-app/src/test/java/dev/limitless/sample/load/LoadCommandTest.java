package dev.limitless.sample.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoadCommandTest {

    @LocalServerPort
    int port;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void drivesTheApiAndPrintsThroughputAndPercentiles() throws InterruptedException {
        int exit = run("--url", "http://localhost:" + port, "--duration", "2s", "--concurrency", "4", "--accounts", "8");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).containsPattern("\\d+ requests in [\\d.]+ s with 4 in flight: [\\d.]+ requests/s, 0 unexpected");
        assertThat(printed).contains("p50 ms", "p90 ms", "p99 ms");
        assertThat(printed).containsPattern("record-transaction\\s+[1-9]\\d*");
        assertThat(printed).containsPattern("list-transactions\\s+[1-9]\\d*");
    }

    @Test
    void refusesUnknownOptionsWithTheUsage() throws InterruptedException {
        int exit = run("--threads", "4");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option --threads", "Usage: LoadCommand");
    }

    @Test
    void saysHowToStartTheSampleWhenNothingAnswers() throws InterruptedException {
        int exit = run("--url", "http://localhost:1", "--duration", "1s");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("spring-boot:run");
    }

    @Test
    void picksOperationsInTheirProportions() {
        assertThat(Operation.pick(0)).isEqualTo(Operation.RECORD_TRANSACTION);
        assertThat(Operation.pick(499)).isEqualTo(Operation.RECORD_TRANSACTION);
        assertThat(Operation.pick(500)).isEqualTo(Operation.LIST_TRANSACTIONS);
        assertThat(Operation.pick(999)).isEqualTo(Operation.NAIVE_SEARCH);
    }

    @Test
    void takesNearestRankPercentiles() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        assertThat(Latencies.percentile(sorted, 50)).isEqualTo(5);
        assertThat(Latencies.percentile(sorted, 90)).isEqualTo(9);
        assertThat(Latencies.percentile(sorted, 99)).isEqualTo(10);
        assertThat(Latencies.percentile(new long[0], 99)).isZero();
    }

    private int run(String... args) throws InterruptedException {
        return LoadCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
