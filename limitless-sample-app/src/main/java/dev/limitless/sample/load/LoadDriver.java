package dev.limitless.sample.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opens accounts, then sends the {@link Operation} mix from a fixed pool of threads until the time is up. */
final class LoadDriver {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\"accountId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP"};

    private final LoadSettings settings;
    private final HttpClient client;

    LoadDriver(LoadSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    }

    LoadReport run() throws InterruptedException {
        List<String> accounts = openAccounts();
        List<Worker> workers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(settings.concurrency());
        long start = System.nanoTime();
        long deadline = start + settings.duration().toNanos();
        for (int i = 0; i < settings.concurrency(); i++) {
            Worker worker = new Worker(accounts, deadline);
            workers.add(worker);
            threads.execute(worker);
        }
        threads.shutdown();
        if (!threads.awaitTermination(settings.duration().plus(REQUEST_TIMEOUT).toSeconds() + 5, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
        return report(workers, Duration.ofNanos(System.nanoTime() - start));
    }

    private List<String> openAccounts() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < settings.accounts(); i++) {
            String currency = CURRENCIES[i % CURRENCIES.length];
            HttpResponse<String> response = send(post("/accounts",
                    "{\"owner\": \"load-" + i + "\", \"currency\": \"" + currency + "\"}", null));
            Matcher id = ACCOUNT_ID.matcher(response.body());
            if (response.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("POST /accounts answered " + response.statusCode() + ": " + response.body());
            }
            ids.add(id.group(1));
        }
        return ids;
    }

    private HttpRequest post(String path, String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).GET().build();
    }

    private URI uri(String path) {
        return URI.create(settings.baseUri() + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " got no answer: " + e, e);
        }
    }

    private HttpRequest request(Operation operation, String accountId, ThreadLocalRandom random) {
        return switch (operation) {
            case RECORD_TRANSACTION -> {
                boolean debit = random.nextInt(10) == 0;
                BigDecimal amount = BigDecimal.valueOf(random.nextLong(1, debit ? 20_000 : 10_000), 2);
                yield post("/accounts/" + accountId + "/transactions", "{\"amount\": \"" + amount.toPlainString()
                        + "\", \"currency\": \"" + CURRENCIES[random.nextInt(CURRENCIES.length)] + "\", \"direction\": \""
                        + (debit ? "DEBIT" : "CREDIT") + "\"}", UUID.randomUUID().toString());
            }
            case LIST_TRANSACTIONS -> get("/accounts/" + accountId + "/transactions?limit=5");
            case READ_ACCOUNT -> get("/accounts/" + accountId);
            case FAILED_REPORT -> get("/reports/failed-transactions");
            case NAIVE_SEARCH -> get("/transactions/search?status=FAILED");
        };
    }

    private LoadReport report(List<Worker> workers, Duration elapsed) {
        Map<Operation, LoadReport.Stats> operations = new EnumMap<>(Operation.class);
        List<Latencies> everything = new ArrayList<>();
        SortedMap<Integer, Long> allStatuses = new TreeMap<>();
        long allUnexpected = 0;
        for (Operation operation : Operation.values()) {
            List<Latencies> parts = new ArrayList<>();
            SortedMap<Integer, Long> statuses = new TreeMap<>();
            long unexpected = 0;
            for (Worker worker : workers) {
                parts.add(worker.latencies.get(operation));
                worker.statuses.get(operation).forEach((status, count) -> statuses.merge(status, count, Long::sum));
                unexpected += worker.unexpected.get(operation)[0];
            }
            everything.addAll(parts);
            statuses.forEach((status, count) -> allStatuses.merge(status, count, Long::sum));
            allUnexpected += unexpected;
            operations.put(operation, stats(Latencies.sorted(parts), unexpected, statuses));
        }
        return new LoadReport(elapsed, settings.concurrency(), operations,
                stats(Latencies.sorted(everything), allUnexpected, allStatuses));
    }

    private static LoadReport.Stats stats(long[] sorted, long unexpected, SortedMap<Integer, Long> statuses) {
        return new LoadReport.Stats(sorted.length, unexpected, statuses,
                Duration.ofNanos(Latencies.percentile(sorted, 50)), Duration.ofNanos(Latencies.percentile(sorted, 90)),
                Duration.ofNanos(Latencies.percentile(sorted, 99)), Duration.ofNanos(Latencies.percentile(sorted, 100)));
    }

    /** One thread's share of the load; only that thread writes its fields until the pool has terminated. */
    private final class Worker implements Runnable {

        final Map<Operation, Latencies> latencies = new EnumMap<>(Operation.class);
        final Map<Operation, SortedMap<Integer, Long>> statuses = new EnumMap<>(Operation.class);
        final Map<Operation, long[]> unexpected = new EnumMap<>(Operation.class);
        private final List<String> accounts;
        private final long deadline;

        Worker(List<String> accounts, long deadline) {
            this.accounts = accounts;
            this.deadline = deadline;
            for (Operation operation : Operation.values()) {
                latencies.put(operation, new Latencies());
                statuses.put(operation, new TreeMap<>());
                unexpected.put(operation, new long[1]);
            }
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                Operation operation = Operation.pick(random.nextInt(1000));
                HttpRequest request = request(operation, accounts.get(random.nextInt(accounts.size())), random);
                long start = System.nanoTime();
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    latencies.get(operation).add(System.nanoTime() - start);
                    statuses.get(operation).merge(status, 1L, Long::sum);
                    if (!operation.expected(status)) {
                        unexpected.get(operation)[0]++;
                    }
                } catch (IOException e) {
                    unexpected.get(operation)[0]++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
