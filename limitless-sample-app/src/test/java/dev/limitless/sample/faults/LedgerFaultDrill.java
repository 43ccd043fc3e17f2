package dev.limitless.sample.faults;

import dev.limitless.sample.LedgerApplication;
import dev.limitless.sample.ledger.Account;
import dev.limitless.sample.ledger.Direction;
import dev.limitless.sample.ledger.Ledger;
import dev.limitless.sample.ledger.NewAccount;
import dev.limitless.sample.ledger.NewTransaction;
import dev.limitless.sample.ledger.RecordedTransaction;
import dev.limitless.test.DedicatedPostgresServer;
import dev.limitless.test.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample ledger under sustained writes while its database fails: writer threads record 1.00 EUR credits through
 * {@link Ledger#record} (the sample's repositories, HikariCP, the starter) with an idempotency key each, and retry a
 * failed request with the same key, as a client would. Meanwhile the drill terminates every backend
 * ({@code pg_terminate_backend}) and, separately, stops and starts the server. Afterwards every acknowledged write
 * must be in the database exactly once, and every balance must equal the sum of its account's transactions.
 *
 * <p>The application is never restarted: recovery is HikariCP replacing broken connections.
 */
final class LedgerFaultDrill implements AutoCloseable {

    /** How big a drill. */
    record Settings(int writers, int accounts, int acksBetweenFaults, int maxAttemptsPerRequest, Duration connectionTimeout) {
    }

    /**
     * One fault and how the application came back from it.
     *
     * @param untilFirstAck from the start of the fault (the terminate call, the stop) to the first write acknowledged
     *                      after the fault was over
     */
    record Recovery(String fault, Duration untilFirstAck, int failedAttemptsDuring) {
    }

    /**
     * What the drill saw.
     *
     * @param acknowledged requests that returned a recorded transaction to their caller
     * @param failedAttempts attempts that threw (each retried with the same idempotency key)
     * @param replayed retries answered with the transaction a failed-looking attempt had in fact committed
     * @param abandoned requests that failed {@code maxAttemptsPerRequest} times (not acknowledged)
     * @param lost acknowledged writes missing from the database (must be 0)
     * @param duplicated idempotency keys with more than one row (must be 0)
     * @param unbalanced accounts whose balance differs from the sum of their booked transactions (must be 0)
     * @param errors failed attempts by exception type and message of its innermost cause
     */
    record Result(int acknowledged, int failedAttempts, int replayed, int abandoned, int lost, int duplicated,
                  int unbalanced, List<Recovery> recoveries, Map<String, Integer> errors) {
    }

    private final Settings settings;
    private final DedicatedPostgresServer server;
    private final TestDatabase database;
    private final ConfigurableApplicationContext application;
    private final Ledger ledger;
    private final List<UUID> accounts = new ArrayList<>();
    private final Map<String, UUID> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final AtomicInteger replayed = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    /** Time of the first acknowledgement after the last fault was done; 0 until then. */
    private final AtomicLong firstAckAfterFault = new AtomicLong(-1);
    private final Semaphore acks = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> writers = new ArrayList<>();

    private LedgerFaultDrill(Settings settings) {
        this.settings = settings;
        // synchronous_commit on: an acknowledged commit is in the WAL before the client hears of it, as on Aurora
        this.server = DedicatedPostgresServer.start(Map.of("synchronous_commit", "on", "max_connections", "60"));
        this.database = server.createDatabase("ledger_faults", 16);
        this.application = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + database.username(),
                        "spring.datasource.password=" + database.password(),
                        "limitless.local.embedded-database=false",
                        "spring.datasource.hikari.maximum-pool-size=" + settings.writers(),
                        "spring.datasource.hikari.connection-timeout=" + settings.connectionTimeout().toMillis(),
                        "logging.level.com.zaxxer.hikari=off")
                .run();
        this.ledger = application.getBean(Ledger.class);
        for (int i = 0; i < settings.accounts(); i++) {
            Account account = ledger.openAccount(new NewAccount("fault drill " + i, "EUR"));
            accounts.add(account.accountId());
        }
    }

    static LedgerFaultDrill start(Settings settings) {
        LedgerFaultDrill drill = new LedgerFaultDrill(settings);
        for (int w = 0; w < settings.writers(); w++) {
            int writer = w;
            Thread thread = new Thread(() -> drill.write(writer), "ledger-writer-" + w);
            thread.setDaemon(true);
            drill.writers.add(thread);
            thread.start();
        }
        return drill;
    }

    private void write(int writer) {
        SplittableRandom random = new SplittableRandom(writer);
        NewTransaction credit = new NewTransaction(new BigDecimal("1.00"), "EUR", Direction.CREDIT);
        for (long n = 0; running.get(); n++) {
            String key = "writer-" + writer + "-" + n;
            UUID account = accounts.get(random.nextInt(accounts.size()));
            boolean done = false;
            for (int attempt = 1; attempt <= settings.maxAttemptsPerRequest() && !done; attempt++) {
                try {
                    RecordedTransaction recorded = ledger.record(account, credit, key);
                    if (recorded.replayed()) {
                        replayed.incrementAndGet();
                    }
                    acknowledged.put(key, account);
                    firstAckAfterFault.compareAndSet(0, System.nanoTime());
                    acks.release();
                    done = true;
                } catch (RuntimeException failure) {
                    failedAttempts.incrementAndGet();
                    errors.merge(kind(failure), 1, Integer::sum);
                }
            }
            if (!done) {
                abandoned.incrementAndGet();
            }
        }
    }

    /** Waits for {@code count} more acknowledged writes; false if they did not come within the time limit. */
    boolean awaitAcks(int count, Duration limit) throws InterruptedException {
        return acks.tryAcquire(count, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Terminates every backend of the application's database, then waits for writes to flow again. */
    Recovery terminateBackends() throws SQLException, InterruptedException {
        acks.drainPermits();
        int failedBefore = failedAttempts.get();
        long began = System.nanoTime();
        int terminated;
        try (Connection admin = database.connect();
             PreparedStatement terminate = admin.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM"
                     + " pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            terminate.setString(1, database.name());
            try (ResultSet rows = terminate.executeQuery()) {
                rows.next();
                terminated = rows.getInt(1);
            }
        }
        firstAckAfterFault.set(0);
        return recovered("pg_terminate_backend of " + terminated + " backends", began, failedBefore);
    }

    /** Stops the server ({@code fast}: every session is disconnected), starts it again, waits for writes. */
    Recovery restartServer() throws InterruptedException {
        acks.drainPermits();
        int failedBefore = failedAttempts.get();
        long began = System.nanoTime();
        server.stop("fast");
        server.start();
        firstAckAfterFault.set(0);
        return recovered("server stopped (pg_ctl -m fast) and started", began, failedBefore);
    }

    private Recovery recovered(String fault, long began, int failedBefore) throws InterruptedException {
        if (!awaitAcks(settings.acksBetweenFaults(), Duration.ofMinutes(2))) {
            throw new IllegalStateException("No " + settings.acksBetweenFaults() + " acknowledged writes within 2 minutes"
                    + " after: " + fault + "; errors so far: " + errors);
        }
        long until = firstAckAfterFault.get() - began;
        return new Recovery(fault, Duration.ofNanos(Math.max(0, until)), failedAttempts.get() - failedBefore);
    }

    /** Stops the writers and checks the database against what was acknowledged. */
    Result finish(List<Recovery> recoveries) throws InterruptedException, SQLException {
        running.set(false);
        for (Thread writer : writers) {
            writer.join(TimeUnit.MINUTES.toMillis(2));
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
        int lost = (int) acknowledged.keySet().stream().filter(key -> !rowsByKey.containsKey(key)).count();
        int duplicated = (int) rowsByKey.values().stream().filter(count -> count > 1).count();
        return new Result(acknowledged.size(), failedAttempts.get(), replayed.get(), abandoned.get(), lost, duplicated,
                unbalanced, recoveries, new TreeMap<>(errors));
    }

    /**
     * What the application saw: the exception's type and message, and the innermost cause's type and message,
     * with ports and ids blanked so that equal failures count together.
     */
    static String kind(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String text = firstLine(failure);
        if (innermost != failure) {
            text += " <- " + firstLine(innermost);
        }
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID")
                .replaceAll(":\\d{4,5}", ":PORT")
                .replaceAll("\\d+ms", "Nms");
    }

    private static String firstLine(Throwable throwable) {
        String message = String.valueOf(throwable.getMessage()).lines().findFirst().orElse("");
        if (message.length() > 160) {
            message = message.substring(0, 157) + "...";
        }
        return throwable.getClass().getSimpleName() + ": " + message;
    }

    @Override
    public void close() {
        running.set(false);
        application.close();
        database.close();
        server.close();
    }

    /** A Markdown summary. */
    static String summary(Settings settings, Result result) {
        StringBuilder out = new StringBuilder();
        out.append("| figure | value |\n|---|---:|\n")
                .append("| writer threads (= pool size) | ").append(settings.writers()).append(" |\n")
                .append("| writes acknowledged | ").append(result.acknowledged()).append(" |\n")
                .append("| failed attempts (retried with the same key) | ").append(result.failedAttempts()).append(" |\n")
                .append("| retries answered by idempotency (first attempt had committed) | ").append(result.replayed()).append(" |\n")
                .append("| requests abandoned after ").append(settings.maxAttemptsPerRequest()).append(" attempts | ")
                .append(result.abandoned()).append(" |\n")
                .append("| acknowledged writes lost | ").append(result.lost()).append(" |\n")
                .append("| idempotency keys written twice | ").append(result.duplicated()).append(" |\n")
                .append("| accounts whose balance is not the sum of their transactions | ").append(result.unbalanced()).append(" |\n");
        out.append("\n| fault | failed attempts | from the fault to the next acknowledged write |\n|---|---:|---:|\n");
        for (Recovery recovery : result.recoveries()) {
            out.append("| ").append(recovery.fault()).append(" | ").append(recovery.failedAttemptsDuring()).append(" | ")
                    .append(String.format(java.util.Locale.ROOT, "%.0f ms", recovery.untilFirstAck().toNanos() / 1e6))
                    .append(" |\n");
        }
        out.append("\nErrors seen by the application:\n");
        result.errors().forEach((kind, count) -> out.append("\n- ").append(count).append(" x `").append(kind).append('`'));
        return out.append('\n').toString();
    }
}
