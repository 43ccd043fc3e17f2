package dev.limitless.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.limitless.sqs.Ledger.Entry;
import dev.limitless.sqs.local.EmbeddedSqsServer;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A real queue (ElasticMQ in this JVM, driven by the AWS SDK's SQS client) in front of the real embedded PostgreSQL
 * with the Limitless emulation. The spike's size is {@code -Dlimitless.sqs.spike.messages} (default 1,000).
 */
@LimitlessPostgres(shards = 4)
class SqsQueueEndToEndTest {

    static final int SPIKE = Integer.getInteger("limitless.sqs.spike.messages", 1_000);

    @LimitlessPostgres.Inject
    static TestDatabase database;

    static EmbeddedSqsServer server;
    static SqsClient sqs;
    static final AtomicInteger QUEUES = new AtomicInteger();

    Ledger ledger;

    @BeforeAll
    static void startQueue() {
        server = EmbeddedSqsServer.start();
        sqs = server.client();
    }

    @AfterAll
    static void stopQueue() {
        sqs.close();
        server.close();
    }

    @AfterEach
    void closeLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    static EmbeddedSqsServer.QueuePair queues(int maxReceiveCount, Duration visibility) {
        return server.createQueueWithDeadLetterQueue("entries-" + QUEUES.incrementAndGet(), maxReceiveCount, visibility);
    }

    static void send(String queueUrl, List<String> bodies) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int from = 0; from < bodies.size(); from += 10) {
                List<String> chunk = bodies.subList(from, Math.min(from + 10, bodies.size()));
                sent.add(senders.submit(() -> {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < chunk.size(); i++) {
                        entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(chunk.get(i)).build());
                    }
                    var response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
                    assertThat(response.failed()).isEmpty();
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            senders.shutdown();
        }
    }

    static int visibleAndInFlight(String queueUrl) {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Test
    void drainsASpikeWithNoMoreConnectionsThanConfigured() throws Exception {
        int accounts = 200;
        int maxConcurrent = 3;
        ledger = new Ledger(database, 8, accounts);
        var queues = queues(5, Duration.ofSeconds(30));
        List<String> bodies = new ArrayList<>(SPIKE);
        for (int i = 0; i < SPIKE; i++) {
            bodies.add(new Entry(1 + (i * 7919L) % accounts, "spike-" + i, 1).body());
        }
        send(queues.queueUrl(), bodies);

        AtomicInteger peak = new AtomicInteger();
        var pool = ledger.pool.getHikariPoolMXBean();
        try (var writer = ledger.writer(group -> {
            peak.accumulateAndGet(pool.getActiveConnections(), Math::max);
            ledger.book(group);
        }).maxConcurrentTransactions(maxConcurrent).build();
             var poller = SqsQueuePoller.builder(sqs, queues.queueUrl(), writer).consumers(6)
                     .waitTime(Duration.ofSeconds(1)).build()) {
            poller.start();
            await().atMost(Duration.ofMinutes(SPIKE > 10_000 ? 30 : 2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> visibleAndInFlight(queues.queueUrl()) == 0);
        }
        System.out.printf("limitless-sqs spike: %d messages drained, peak active connections %d (writer maximum %d,"
                + " pool maximum 8)%n", SPIKE, peak.get(), maxConcurrent);
        assertThat(peak.get()).isBetween(1, maxConcurrent);
        assertThat(ledger.rows()).isEqualTo(SPIKE);
        assertThat(ledger.distinctEntries()).isEqualTo(SPIKE);
        assertThat(ledger.balances()).isEqualTo(SPIKE);
        assertThat(visibleAndInFlight(queues.deadLetterQueueUrl())).isZero();
    }

    @Test
    void aConsumerKilledMidBatchLosesNothingAndDuplicatesNothing() throws Exception {
        ledger = new Ledger(database, 4, 10);
        var queues = queues(5, Duration.ofSeconds(1));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bodies.add(new Entry(1 + i % 5, "kill-" + i, 1).body());
        }
        send(queues.queueUrl(), bodies);
        AtomicBoolean crashed = new AtomicBoolean();
        AtomicInteger groups = new AtomicInteger();
        try (var writer = ledger.writer(group -> {
            if (groups.incrementAndGet() == 3 && crashed.compareAndSet(false, true)) {
                throw new ShardGroupedBatchWriterTest.SimulatedCrash();
            }
            ledger.book(group);
        }).build()) {
            var consumer = SqsQueuePoller.builder(sqs, queues.queueUrl(), writer).waitTime(Duration.ofSeconds(1)).build();
            // the first receive takes what is visible; crash in its third group, before any delete
            assertThatThrownBy(() -> {
                while (!crashed.get()) {
                    consumer.pollOnce();
                }
            }).isInstanceOf(ShardGroupedBatchWriterTest.SimulatedCrash.class);
            long committedBeforeCrash = ledger.rows();
            assertThat(committedBeforeCrash).isGreaterThan(0).isLessThan(10);

            // a new consumer takes over after the visibility timeout
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.pollOnce();
                return visibleAndInFlight(queues.queueUrl()) == 0;
            });
            assertThat(ledger.counter("duplicate")).isGreaterThanOrEqualTo(committedBeforeCrash);
        }
        assertThat(ledger.rows()).as("0 lost, 0 duplicated").isEqualTo(10);
        assertThat(ledger.distinctEntries()).isEqualTo(10);
        assertThat(ledger.balances()).isEqualTo(10);
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueAfterMaxReceiveCount() throws Exception {
        ledger = new Ledger(database, 4, 10);
        var queues = queues(2, Duration.ofSeconds(1));
        send(queues.queueUrl(), List.of(new Entry(1, "good-1", 1).body(), "poison", new Entry(2, "good-2", 1).body()));
        try (var writer = ledger.writer(ledger::book).maxReceiveCount(2).build()) {
            var consumer = SqsQueuePoller.builder(sqs, queues.queueUrl(), writer).waitTime(Duration.ofSeconds(1)).build();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.pollOnce();
                return visibleAndInFlight(queues.queueUrl()) == 0;
            });
        }
        var dead = sqs.receiveMessage(r -> r.queueUrl(queues.deadLetterQueueUrl()).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        assertThat(dead).extracting(m -> m.body()).containsExactly("poison");
        assertThat(ledger.rows()).isEqualTo(2);
        assertThat(ledger.counter("retried")).isEqualTo(1);
        assertThat(ledger.counter("dead_lettered")).isEqualTo(1);
    }

    @Test
    void aDuplicateSendIsWrittenOnce() throws Exception {
        ledger = new Ledger(database, 4, 10);
        var queues = queues(5, Duration.ofSeconds(30));
        String body = new Entry(3, "payment-7", 5).body();
        send(queues.queueUrl(), List.of(body, body, body));
        try (var writer = ledger.writer(ledger::book).build()) {
            var consumer = SqsQueuePoller.builder(sqs, queues.queueUrl(), writer).waitTime(Duration.ofSeconds(1)).build();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.pollOnce();
                return visibleAndInFlight(queues.queueUrl()) == 0;
            });
        }
        assertThat(ledger.rows()).isEqualTo(1);
        assertThat(ledger.balances()).isEqualTo(5);
        assertThat(ledger.counter("duplicate")).isEqualTo(2);
    }
}
