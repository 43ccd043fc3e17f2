package dev.limitless.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.limitless.sqs.Ledger.Entry;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer on the real embedded PostgreSQL with the Limitless emulation, through the guarded DataSource. */
@LimitlessPostgres(shards = 4)
class ShardGroupedBatchWriterTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    Ledger ledger;

    @BeforeEach
    void setUp() throws Exception {
        ledger = new Ledger(database, 4, 10);
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    static List<QueueMessage> messages(long... accounts) {
        return messages("", accounts);
    }

    static List<QueueMessage> messages(String batch, long... accounts) {
        List<QueueMessage> messages = new ArrayList<>();
        for (int i = 0; i < accounts.length; i++) {
            Entry entry = new Entry(accounts[i], batch + "e" + i + "-" + accounts[i], 10);
            messages.add(new QueueMessage(batch + "m" + i, null, entry.body(), 1));
        }
        return messages;
    }

    @Test
    void writesEachShardKeyInOneTransactionOfItsOwn() {
        Map<Object, Set<Long>> transactionsByKey = new ConcurrentHashMap<>();
        List<Long> transactions = new CopyOnWriteArrayList<>();
        try (var writer = ledger.writer(group -> {
            long txid = ledger.jdbc.queryForObject("SELECT txid_current()", Long.class);
            transactions.add(txid);
            transactionsByKey.computeIfAbsent(group.shardKey(), k -> ConcurrentHashMap.newKeySet()).add(txid);
            ledger.book(group);
        }).build()) {
            BatchResult result = writer.write(messages(1, 2, 1, 3, 2, 1, 4, 4, 5, 1));

            assertThat(result.groups()).isEqualTo(5);
            assertThat(result.written()).isEqualTo(10);
            assertThat(result.failedMessageIds()).isEmpty();
        }
        assertThat(transactions).hasSize(5).doesNotHaveDuplicates();
        assertThat(transactionsByKey).hasSize(5).allSatisfy((key, ids) -> assertThat(ids).hasSize(1));
        assertThat(ledger.rows()).isEqualTo(10);
        assertThat(ledger.balances()).isEqualTo(100);
    }

    @Test
    void theGroupHandlerSeesItsMessagesInDeliveryOrder() {
        List<List<String>> seen = new CopyOnWriteArrayList<>();
        try (var writer = ledger.writer(group -> seen.add(group.payloads().stream().map(Entry::entryId).toList()))
                .build()) {
            writer.write(messages(1, 2, 1, 1));
        }
        assertThat(seen).containsExactly(List.of("e0-1", "e2-1", "e3-1"), List.of("e1-2"));
    }

    @Test
    void duplicateDeliveriesWriteOnce() {
        try (var writer = ledger.writer(ledger::book).build()) {
            List<QueueMessage> batch = messages(1, 2, 3, 1);
            assertThat(writer.write(batch).written()).isEqualTo(4);

            BatchResult again = writer.write(batch);

            assertThat(again.written()).isZero();
            assertThat(again.duplicates()).isEqualTo(4);
            assertThat(again.failedMessageIds()).isEmpty();
        }
        assertThat(ledger.rows()).isEqualTo(4);
        assertThat(ledger.balances()).isEqualTo(40);
        assertThat(ledger.counter("duplicate")).isEqualTo(4);
    }

    @Test
    void aPayloadKeyMakesTwoMessagesWithTheSamePayloadOneWrite() {
        Entry entry = new Entry(7, "payment-42", 5);
        try (var writer = ledger.writer(ledger::book).build()) {
            BatchResult result = writer.write(List.of(new QueueMessage("first", null, entry.body(), 1),
                    new QueueMessage("second", null, entry.body(), 1)));

            assertThat(result.written()).isEqualTo(1);
            assertThat(result.duplicates()).isEqualTo(1);
        }
        assertThat(ledger.rows()).isEqualTo(1);
    }

    @Test
    void theMessageIdIsTheKeyWhenThePayloadNamesNone() {
        MessageMapping<Entry> byMessageId = MessageMapping.of(Entry::parse, Entry::accountId);
        Entry entry = new Entry(7, "payment-42", 5);
        try (var writer = ShardGroupedBatchWriter.builder(ledger.guarded, byMessageId, ledger::book)
                .deduplication(Ledger.DEDUPLICATION).transactionManager(ledger.transactions).build()) {
            writer.write(List.of(new QueueMessage("first", null, entry.body(), 1)));
            writer.write(List.of(new QueueMessage("first", null, entry.body(), 2)));
            writer.write(List.of(new QueueMessage("second", null, entry.body(), 1)));
        }
        assertThat(byMessageId.keyedByMessageId()).isTrue();
        assertThat(ledger.rows()).isEqualTo(2);
    }

    @Test
    void aFailingGroupRollsBackAloneAndOnlyItsMessagesAreReported() {
        try (var writer = ledger.writer(group -> {
            ledger.book(group);
            if (group.shardKey().equals(2L)) {
                throw new IllegalStateException("account 2 is frozen");
            }
        }).maxReceiveCount(3).build()) {
            BatchResult result = writer.write(messages(1, 2, 3, 2));

            assertThat(result.failedMessageIds()).containsExactly("m1", "m3");
            assertThat(result.written()).isEqualTo(2);
        }
        assertThat(ledger.rows()).isEqualTo(2);
        assertThat(ledger.claims()).as("the failed group's claims rolled back with it").isEqualTo(2);
        assertThat(ledger.counter("retried")).isEqualTo(2);
        assertThat(ledger.counter("dead_lettered")).isZero();
        assertThat(ledger.registry.get(MicrometerSqsBatchMetrics.GROUP).tag("outcome", "rolled_back").timer().count())
                .isEqualTo(1);
    }

    @Test
    void aMessageThatDoesNotDecodeIsReportedAndTheOthersAreWritten() {
        try (var writer = ledger.writer(ledger::book).maxReceiveCount(3).build()) {
            List<QueueMessage> batch = new ArrayList<>(messages(1, 2));
            batch.add(new QueueMessage("poison", null, "not,a,number", 3));
            batch.add(new QueueMessage("no-key", null, "", 1));

            BatchResult result = writer.write(batch);

            assertThat(result.failedMessageIds()).containsExactly("poison", "no-key");
            assertThat(result.written()).isEqualTo(2);
        }
        assertThat(ledger.counter("dead_lettered")).as("failed on its last allowed delivery").isEqualTo(1);
        assertThat(ledger.counter("retried")).isEqualTo(1);
    }

    @Test
    void statementsOfTheHandlerAreGuarded() {
        try (var writer = ledger.writer(group -> ledger.jdbc.update("UPDATE accounts SET balance = 0")).build()) {
            BatchResult result = writer.write(messages(1));

            assertThat(result.failedMessageIds()).containsExactly("m0");
        }
        assertThat(ledger.claims()).isZero();
        assertThat(ledger.registry.get("limitless.guard.refusals").tag("reason", "scatter").tag("table", "public.accounts")
                .counter().count())
                .isEqualTo(1);
        assertThat(ledger.registry.get("limitless.statement").tag("operation", "insert")
                .tag("table", "public.entry_messages").tag("route", "single_shard").tag("outcome", "success")
                .timer().count())
                .as("the claim is measured like any statement").isEqualTo(1);
    }

    @Test
    void recordsBatchSizeGroupsLatencyAndOutcomes() {
        try (var writer = ledger.writer(ledger::book).build()) {
            writer.write(messages(1, 2, 1, 3, 3, 3, 4, 5, 6, 7));
        }
        var registry = ledger.registry;
        assertThat(registry.get(MicrometerSqsBatchMetrics.BATCH_SIZE).summary().totalAmount()).isEqualTo(10);
        assertThat(registry.get(MicrometerSqsBatchMetrics.BATCH_GROUPS).summary().totalAmount()).isEqualTo(7);
        assertThat(registry.get(MicrometerSqsBatchMetrics.GROUP).tag("outcome", "committed").timer().count())
                .isEqualTo(7);
        assertThat(ledger.counter("written")).isEqualTo(10);
    }

    @Test
    void aKillBetweenGroupsLosesNothingAndDuplicatesNothingOnRedelivery() {
        AtomicInteger groups = new AtomicInteger();
        List<QueueMessage> batch = messages(1, 2, 3, 1, 2, 3);
        try (var writer = ledger.writer(group -> {
            if (groups.incrementAndGet() == 2) {
                throw new SimulatedCrash();
            }
            ledger.book(group);
        }).build()) {
            assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(SimulatedCrash.class);
            assertThat(ledger.rows()).as("the first group committed before the crash").isEqualTo(2);

            BatchResult redelivered = writer.write(batch);

            assertThat(redelivered.duplicates()).isEqualTo(2);
            assertThat(redelivered.written()).isEqualTo(4);
        }
        assertThat(ledger.rows()).isEqualTo(6);
        assertThat(ledger.distinctEntries()).isEqualTo(6);
    }

    @Test
    void aConsumerInterruptedWhileItsGroupsRunReportsThemFailedAndTheRedeliveryWritesEachOnce() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        List<QueueMessage> batch = messages(1, 2, 3, 4, 1, 2);
        try (var writer = ledger.writer(group -> {
            if (calls.incrementAndGet() == 1) {
                entered.countDown();
                release.await();
            }
            ledger.book(group);
        }).maxConcurrentTransactions(2).build()) {
            AtomicReference<BatchResult> interrupted = new AtomicReference<>();
            AtomicBoolean flagKept = new AtomicBoolean();
            Thread consumer = new Thread(() -> {
                interrupted.set(writer.write(batch));
                flagKept.set(Thread.currentThread().isInterrupted());
            });
            consumer.start();
            entered.await();
            consumer.interrupt();
            consumer.join();

            assertThat(interrupted.get().failedMessageIds()).as("groups whose outcome the consumer did not see")
                    .isNotEmpty();
            assertThat(flagKept).isTrue();
            release.countDown();

            BatchResult redelivered = writer.write(batch);
            assertThat(redelivered.failedMessageIds()).isEmpty();
        }
        assertThat(ledger.rows()).as("0 lost, 0 duplicated").isEqualTo(6);
        assertThat(ledger.distinctEntries()).isEqualTo(6);
        assertThat(ledger.balances()).isEqualTo(60);
    }

    @Test
    void parallelGroupsNeverTakeMoreConnectionsThanAllowed() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        try (var writer = ledger.writer(group -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            peak.accumulateAndGet(ledger.pool.getHikariPoolMXBean().getActiveConnections(), Math::max);
            try {
                ledger.book(group);
            } finally {
                inFlight.decrementAndGet();
            }
        }).maxConcurrentTransactions(2).build()) {
            for (int batch = 0; batch < 20; batch++) {
                assertThat(writer.write(messages("b" + batch, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).failedMessageIds()).isEmpty();
            }
        }
        assertThat(peak.get()).isBetween(1, 2);
        assertThat(ledger.rows()).isEqualTo(200);
    }

    @Test
    void refusesAPayloadTypeWithoutShardKeyAndAWriterWithoutDeduplication() {
        record NoKey(String value) {
        }
        assertThatThrownBy(() -> MessageMapping.annotated(NoKey.class, NoKey::new))
                .isInstanceOf(MessageMappingException.class)
                .hasMessageContaining("no member annotated @MessageShardKey");
        assertThatThrownBy(() -> ShardGroupedBatchWriter.builder(ledger.guarded,
                MessageMapping.annotated(Entry.class, Entry::parse), ledger::book).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("deduplication table");
        assertThatThrownBy(() -> DeduplicationTable.of("x; DROP TABLE y", "account_id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain");
    }

    /** Stands for the process dying between two groups (an Error is never caught by the writer). */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
