package dev.limitless.sample.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.sample.LedgerApplication;
import dev.limitless.test.DedicatedPostgresServer;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample's booking endpoint (POST /accounts/{id}/transactions with an Idempotency-Key) under a concurrent write
 * load over HTTP while every backend of its database is terminated ({@code pg_terminate_backend}) at random moments.
 * A dedicated PostgreSQL server, so that it can be restarted. The client sends each request once and never retries: the application's own retry ({@code @IdempotencyKey} on
 * {@code Ledger.record}, the starter's retry around the transaction) must absorb every fault. Each booking must be
 * answered 2xx and stored exactly once.
 *
 * Once (or {@code -Dlimitless.failures.restarts} times) during the load, the server is stopped and started again.
 *
 * <p>Size: {@code -Dlimitless.failures.writers=4 -Dlimitless.failures.requests=30} (requests per writer),
 * {@code -Dlimitless.failures.interval-ms=300} (mean time between two rounds of terminations). With
 * {@code -Dlimitless.failures.write-docs=true} the figures replace the marked section of docs/reliability.md.
 */
class BookingRetryUnderTerminationsTest {

    private static final String BEGIN = "<!-- booking-retry-figures:begin -->";
    private static final String END = "<!-- booking-retry-figures:end -->";

    /** Mean time between two rounds of terminations: each round terminates every backend of the database. */
    private static final int INTERVAL_MS = Integer.getInteger("limitless.failures.interval-ms", 300);

    /** Server restarts during the load, evenly spread over it. */
    private static final int RESTARTS = Integer.getInteger("limitless.failures.restarts", 1);

    private static DedicatedPostgresServer server;
    private static TestDatabase database;

    @BeforeAll
    static void startServer() {
        // synchronous_commit on: an acknowledged commit is in the WAL before the client hears of it, as on Aurora
        server = DedicatedPostgresServer.start(Map.of("synchronous_commit", "on", "max_connections", "40"));
        database = server.createDatabase("booking_retry", 4);
    }

    @AfterAll
    static void stopServer() {
        if (database != null) {
            database.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyIdempotentBookingSucceedsAndIsStoredOnceWhileBackendsAreTerminated() throws Exception {
        int writers = Integer.getInteger("limitless.failures.writers", 4);
        int requestsPerWriter = Integer.getInteger("limitless.failures.requests", 30);
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger terminated = new AtomicInteger();
        AtomicInteger terminationRounds = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger restarts = new AtomicInteger();
        Map<String, Double> retries;
        long loadBegan;
        long loadMillis;
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + database.username(),
                        "spring.datasource.password=" + database.password(),
                        "limitless.local.embedded-database=false",
                        "spring.datasource.hikari.maximum-pool-size=" + writers,
                        "spring.datasource.hikari.connection-timeout=2000",
                        "logging.level.com.zaxxer.hikari=off",
                        "logging.level.dev.limitless.sample.api=off")
                .run()) {
            String base = "http://localhost:" + application.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                HttpResponse<String> opened = post(http, base + "/accounts", null, "{\"owner\": \"retry " + i + "\", \"currency\": \"EUR\"}");
                assertThat(opened.statusCode()).isEqualTo(201);
                accounts.add(field(opened.body(), "accountId"));
            }

            AtomicBoolean loading = new AtomicBoolean(true);
            int total = writers * requestsPerWriter;
            Thread killer = new Thread(() -> terminateAtRandom(loading, terminated, terminationRounds, answered, total, restarts),
                    "backend-killer");
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                threads.add(new Thread(() -> {
                    SplittableRandom random = new SplittableRandom(writer);
                    for (int n = 0; n < requestsPerWriter; n++) {
                        String key = "booking-" + writer + "-" + n + "-" + UUID.randomUUID();
                        String account = accounts.get(random.nextInt(accounts.size()));
                        int status;
                        try {
                            status = post(http, base + "/accounts/" + account + "/transactions", key,
                                    "{\"amount\": \"1.00\", \"currency\": \"EUR\"}").statusCode();
                        } catch (IOException | InterruptedException e) {
                            status = -1;
                        }
                        statuses.merge(Integer.toString(status), 1, Integer::sum);
                        answered.incrementAndGet();
                        if (status / 100 == 2) {
                            acknowledged.put(key, account);
                        }
                    }
                }, "booking-writer-" + w));
            }
            loadBegan = System.nanoTime();
            killer.start();
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join(Duration.ofMinutes(5).toMillis());
            }
            loading.set(false);
            killer.interrupt();
            killer.join();
            loadMillis = (System.nanoTime() - loadBegan) / 1_000_000;
            retries = retriesByOutcome(application.getBean(MeterRegistry.class));
        }

        Map<String, Integer> rowsByKey = new HashMap<>();
        int unbalanced;
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "SELECT idempotency_key, count(*) FROM transactions GROUP BY idempotency_key")) {
                while (rows.next()) {
                    rowsByKey.put(rows.getString(1), rows.getInt(2));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM accounts a WHERE a.balance <>"
                    + " (SELECT coalesce(sum(t.amount), 0) FROM transactions t WHERE t.account_id = a.account_id"
                    + " AND t.status = 'BOOKED')")) {
                rows.next();
                unbalanced = rows.getInt(1);
            }
        }
        int requests = writers * requestsPerWriter;
        long lost = acknowledged.keySet().stream().filter(key -> !rowsByKey.containsKey(key)).count();
        long duplicated = rowsByKey.values().stream().filter(count -> count > 1).count();
        long unacknowledgedStored = rowsByKey.keySet().stream().filter(key -> key != null && !acknowledged.containsKey(key)).count();
        String figures = figures(writers, requests, statuses, terminationRounds.get(), terminated.get(), restarts.get(), retries, lost,
                duplicated, unacknowledgedStored, unbalanced, loadMillis);
        System.out.println(figures);
        if (Boolean.getBoolean("limitless.failures.write-docs")) {
            writeDocs(figures);
        }

        // 201: booked; 200: a retry found the key, because the attempt before it had committed and lost its connection
        assertThat(new TreeMap<>(statuses).keySet()).as("HTTP statuses of the bookings: %s", statuses)
                .isSubsetOf("200", "201");
        assertThat(acknowledged).hasSize(requests);
        assertThat(lost).as("acknowledged bookings missing").isZero();
        assertThat(duplicated).as("idempotency keys stored twice").isZero();
        assertThat(unbalanced).as("balances that are not the sum of their transactions").isZero();
        assertThat(terminated.get()).as("backends terminated during the load").isPositive();
        assertThat(restarts.get()).as("server restarts during the load").isEqualTo(RESTARTS);
        assertThat(retries.getOrDefault("success_after_retry", 0.0)).as("bookings that succeeded after a retry").isPositive();
        assertThat(retries.getOrDefault("not_retryable", 0.0)).isZero();
    }

    /**
     * Terminates every backend of the database at random moments; when the next share of the requests has been
     * answered, stops the server ({@code fast}: every session is disconnected) and starts it again instead.
     */
    private static void terminateAtRandom(AtomicBoolean loading, AtomicInteger terminated, AtomicInteger rounds,
            AtomicInteger answered, int total, AtomicInteger restarts) {
        SplittableRandom random = new SplittableRandom(42);
        while (loading.get()) {
            try {
                Thread.sleep(INTERVAL_MS / 2 + random.nextInt(INTERVAL_MS));
                if (restarts.get() < RESTARTS && answered.get() >= total * (restarts.get() + 1) / (RESTARTS + 1)) {
                    server.stop("fast");
                    server.start();
                    restarts.incrementAndGet();
                    continue;
                }
                try (Connection admin = database.connect();
                     PreparedStatement terminate = admin.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM"
                             + " pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                    terminate.setString(1, database.name());
                    try (ResultSet rows = terminate.executeQuery()) {
                        rows.next();
                        terminated.addAndGet(rows.getInt(1));
                        rounds.incrementAndGet();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, String url, String key, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(value.find()).as(json).isTrue();
        return value.group(1);
    }

    private static Map<String, Double> retriesByOutcome(MeterRegistry registry) {
        Map<String, Double> byOutcome = new TreeMap<>();
        for (Counter counter : registry.find("limitless.retries").counters()) {
            byOutcome.merge(counter.getId().getTag("outcome"), counter.count(), Double::sum);
            if (counter.count() > 0) {
                System.out.println("limitless.retries " + counter.getId().getTags() + " " + counter.count());
            }
        }
        return byOutcome;
    }

    private static String figures(int writers, int requests, Map<String, Integer> statuses, int rounds, int terminated,
            int restarts, Map<String, Double> retries, long lost, long duplicated, long unacknowledgedStored, int unbalanced,
            long wallMillis) {
        StringBuilder out = new StringBuilder();
        out.append("| figure | value |\n|---|---:|\n");
        row(out, "writer threads (= pool size), each request sent once, never retried by the client", writers);
        row(out, "bookings sent (POST with an Idempotency-Key)", requests);
        statuses.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(status -> row(out, "answered HTTP " + status.getKey() + switch (status.getKey()) {
                    case "201" -> " (booked)";
                    case "200" -> " (a retry found the key: the attempt before had committed)";
                    default -> "";
                }, status.getValue()));
        row(out, "pg_terminate_backend rounds (every " + INTERVAL_MS / 2 + "-" + INTERVAL_MS * 3 / 2 + " ms, random)", rounds);
        row(out, "backends terminated", terminated);
        row(out, "server stopped (pg_ctl -m fast) and started during the load", restarts);
        for (String outcome : List.of("success_after_retry", "exhausted", "budget_exhausted", "not_retryable")) {
            row(out, "`limitless.retries` outcome=" + outcome, Math.round(retries.getOrDefault(outcome, 0.0)));
        }
        row(out, "acknowledged bookings lost", lost);
        row(out, "idempotency keys stored twice", duplicated);
        row(out, "stored bookings the client was not told about", unacknowledgedStored);
        row(out, "accounts whose balance is not the sum of their transactions", unbalanced);
        row(out, "duration of the load (ms)", wallMillis);
        return out.toString();
    }

    private static void row(StringBuilder out, String figure, long value) {
        out.append("| ").append(figure).append(" | ").append(String.format(Locale.ROOT, "%,d", value)).append(" |\n");
    }

    private static void writeDocs(String figures) throws IOException {
        Path reliability = Path.of("..", "docs", "reliability.md");
        String text = Files.readString(reliability);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("docs/reliability.md has no " + BEGIN + " ... " + END + " section");
        }
        Files.writeString(reliability, text.substring(0, begin + BEGIN.length()) + "\n" + figures + text.substring(end));
    }
}
