package dev.limitless.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.limitless.sample.LedgerHttp.Reply;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Walks every endpoint of the REST API through real HTTP, as the getting-started guide does with curl. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerApiWalkTest {

    @LocalServerPort
    int port;

    LedgerHttp http;

    @BeforeEach
    void client() {
        http = new LedgerHttp(port);
    }

    @Test
    void opensAnAccountAndReadsItBack() {
        Reply opened = http.post("/accounts", "{\"owner\": \"Ada\", \"currency\": \"EUR\"}");

        assertThat(opened.status()).isEqualTo(201);
        JsonNode account = opened.json();
        String id = account.get("accountId").asString();
        assertThat(opened.header("Location")).isEqualTo("/accounts/" + id);
        assertThat(account.get("owner").asString()).isEqualTo("Ada");
        assertThat(account.get("currency").asString()).isEqualTo("EUR");
        assertThat(account.get("balance").asString()).isEqualTo("0.00");
        assertThat(account.has("version")).isFalse();

        Reply read = http.get("/accounts/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("accountId").asString()).isEqualTo(id);
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstTransactionAndWritesNothing() {
        String id = openAccount("EUR");

        Reply first = http.post("/accounts/" + id + "/transactions", "{\"amount\": \"12.50\", \"currency\": \"EUR\"}",
                "Idempotency-Key", "payment-1");
        Reply again = http.post("/accounts/" + id + "/transactions", "{\"amount\": \"12.50\", \"currency\": \"EUR\"}",
                "Idempotency-Key", "payment-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(first.json().get("status").asString()).isEqualTo("BOOKED");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(http.get("/accounts/" + id).json().get("balance").asString()).isEqualTo("12.50");
        assertThat(http.get("/accounts/" + id + "/transactions").json()).hasSize(1);
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyBookOnce() throws Exception {
        String id = openAccount("EUR");
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return http.post("/accounts/" + id + "/transactions", "{\"amount\": \"7.00\", \"currency\": \"EUR\"}",
                            "Idempotency-Key", "retry-storm");
                }));
            }
            start.countDown();
            Set<String> transactionIds = new HashSet<>();
            int created = 0;
            for (Future<Reply> reply : replies) {
                Reply answer = reply.get(30, TimeUnit.SECONDS);
                created += answer.status() == 201 ? 1 : 0;
                transactionIds.add(answer.json().get("transactionId").asString());
            }
            assertThat(created).isEqualTo(1);
            assertThat(transactionIds).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(http.get("/accounts/" + id).json().get("balance").asString()).isEqualTo("7.00");
    }

    @Test
    void listsNewestFirstWithTheExchangeRateAndConvertsIntoTheAccountCurrency() {
        String id = openAccount("EUR");
        credit(id, "12.50", "EUR");
        credit(id, "10.00", "USD");
        credit(id, "1000", "JPY");

        JsonNode lines = http.get("/accounts/" + id + "/transactions?limit=5").json();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("currency").asString()).isEqualTo("JPY");
        assertThat(lines.get(1).get("currency").asString()).isEqualTo("USD");
        assertThat(lines.get(1).get("rateToEur").asString()).isEqualTo("0.92000000");
        assertThat(lines.get(1).get("amountInEur").asString()).isEqualTo("9.20");
        assertThat(lines.get(2).get("currency").asString()).isEqualTo("EUR");
        assertThat(http.get("/accounts/" + id + "/transactions?limit=2").json()).hasSize(2);
        // 12.50 + 10.00 * 0.92 + 1000 * 0.0061
        assertThat(http.get("/accounts/" + id).json().get("balance").asString()).isEqualTo("27.80");
    }

    @Test
    void aDebitLargerThanTheBalanceFailsAndIsCountedByTheReport() {
        long failedBefore = http.get("/reports/failed-transactions").json().get("failedTransactions").asLong();
        String id = openAccount("EUR");
        credit(id, "5.00", "EUR");

        Reply debit = http.post("/accounts/" + id + "/transactions",
                "{\"amount\": \"100.00\", \"currency\": \"EUR\", \"direction\": \"DEBIT\"}");

        assertThat(debit.status()).isEqualTo(201);
        assertThat(debit.json().get("status").asString()).isEqualTo("FAILED");
        assertThat(debit.json().get("amount").asString()).isEqualTo("-100.00");
        assertThat(http.get("/accounts/" + id).json().get("balance").asString()).isEqualTo("5.00");
        Reply report = http.get("/reports/failed-transactions");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("failedTransactions").asLong()).isEqualTo(failedBefore + 1);
        assertThat(report.json().get("byCurrency").get(0).get("currency").asString()).isEqualTo("EUR");
    }

    @Test
    void theGuardRefusesTheNaiveSearchWithAProblemDocumentThatExplainsWhy() {
        credit(openAccount("EUR"), "1.00", "EUR");

        Reply search = http.get("/transactions/search?status=FAILED");

        assertThat(search.status()).isEqualTo(500);
        assertThat(search.contentType()).startsWith("application/problem+json");
        JsonNode problem = search.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:limitless:sample:problem:statement-refused");
        assertThat(problem.get("route").asString()).isEqualTo("SCATTER");
        assertThat(problem.get("tables").get(0).asString()).isEqualTo("public.transactions");
        assertThat(problem.get("statementId").asString()).isEqualTo("stmt-7bbae4b25ad470f2"); // as getting-started.md shows
        assertThat(problem.get("detail").asString())
                .isEqualTo("A SCATTER statement on public.transactions was refused by the shard-scope guard: a defect"
                        + " of this endpoint. The application log explains it under statement "
                        + problem.get("statementId").asString() + ".");
        // no SQL and no value of the request reaches the client
        assertThat(search.body()).doesNotContainIgnoringCase("select").doesNotContain("FAILED").doesNotContain("status =");
    }

    @Test
    void theReportReadsEveryShardBecauseItOptsInAndIsCountedAsScatter() {
        assertThat(http.get("/reports/failed-transactions").status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").body()).containsPattern(
                "limitless_statement_seconds_count\\{[^}]*route=\"scatter\"[^}]*table=\"public.transactions\"");
        assertThat(http.get("/actuator/limitless").body()).contains("\"topScatter\"").contains("transactions");
    }

    @Test
    void validationErrorsAreProblemDocumentsWithStatus400() {
        String id = openAccount("EUR");

        assertInvalid(http.get("/accounts/not-a-uuid"), "accountId");
        assertInvalid(http.get("/accounts/" + id + "/transactions?limit=many"), "limit");
        assertInvalid(http.post("/accounts/" + id + "/transactions", "{\"amount\": \"-5.00\", \"currency\": \"EUR\"}"), "amount");
        assertInvalid(http.post("/accounts/" + id + "/transactions", "{\"amount\": \"1.005\", \"currency\": \"EUR\"}"), "amount");
        assertInvalid(http.post("/accounts/" + id + "/transactions", "{\"amount\": \"5.00\", \"currency\": \"XXX\"}"), "currency");
        assertInvalid(http.post("/accounts", "{\"owner\": \"Ada\", \"currency\": \"XXX\"}"), "currency");
        assertInvalid(http.post("/accounts", "{\"owner\": \"\", \"currency\": \"EUR\"}"), "owner");
        assertInvalid(http.post("/accounts", "{\"owner\": "), "body");
        assertInvalid(http.post("/accounts/" + id + "/transactions", "{\"amount\": \"twelve\", \"currency\": \"EUR\"}"), "body");
        assertInvalid(http.get("/accounts/" + id + "/transactions?limit=0"), "limit");
        assertInvalid(http.get("/transactions/search?status=LOST"), "status");
    }

    @Test
    void anUnknownAccountIsA404ProblemDocument() {
        Reply reply = http.get("/accounts/00000000-0000-0000-0000-000000000000");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString()).contains("No account 00000000-0000-0000-0000-000000000000");
    }

    @Test
    void actuatorAnswersHealthAndPrometheus() {
        Reply health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");

        http.get("/reports/failed-transactions"); // at least one statement through the guarded pool
        Reply prometheus = http.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("hikaricp_connections", "limitless_statement_seconds_bucket");
    }

    @Test
    void theCurlWalkOfTheGettingStartedGuideRuns() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed");
        Process walk = new ProcessBuilder("sh", "walk.sh", "http://localhost:" + port).redirectErrorStream(true).start();
        String output = new String(walk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(walk.waitFor()).as(output).isZero();
        assertThat(output).contains("Idempotent-Replayed: true", "\"status\":\"FAILED\"", "\"failedTransactions\":",
                "Content-Type: application/problem+json", "\"status\":\"UP\"",
                "HTTP/1.1 500", "was refused by the shard-scope guard", "\"statementId\":\"stmt-")
                .doesNotContain("SELECT");
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }

    private String openAccount(String currency) {
        Reply opened = http.post("/accounts", "{\"owner\": \"Ada\", \"currency\": \"" + currency + "\"}");
        assertThat(opened.status()).isEqualTo(201);
        return opened.json().get("accountId").asString();
    }

    private void credit(String accountId, String amount, String currency) {
        Reply reply = http.post("/accounts/" + accountId + "/transactions",
                "{\"amount\": \"" + amount + "\", \"currency\": \"" + currency + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static void assertInvalid(Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(problem.get("field").asString()).isEqualTo(field);
        }
    }
}
