package dev.limitless.autoconfigure.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.limitless.autoconfigure.LedgerSchema;
import dev.limitless.autoconfigure.catalog.CatalogAutoConfiguration;
import dev.limitless.autoconfigure.guard.GuardAutoConfiguration;
import dev.limitless.autoconfigure.metrics.MetricsAutoConfiguration;
import dev.limitless.sqs.BatchResult;
import dev.limitless.sqs.DeduplicationTable;
import dev.limitless.sqs.MessageMapping;
import dev.limitless.sqs.MessageShardKey;
import dev.limitless.sqs.MicrometerSqsBatchMetrics;
import dev.limitless.sqs.QueueMessage;
import dev.limitless.sqs.ShardGroupedBatchWriter;
import dev.limitless.test.LimitlessPostgres;
import dev.limitless.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The shard-grouped writer through the auto-configured application: guarded DataSource, Spring transactions, meters. */
@LimitlessPostgres(shards = 4)
class SqsAutoConfigurationTest {

    @LimitlessPostgres.Inject
    static TestDatabase database;

    record Payment(@MessageShardKey UUID accountId, UUID transactionId) {

        static Payment parse(String body) {
            String[] parts = body.split(",");
            return new Payment(UUID.fromString(parts[0]), UUID.fromString(parts[1]));
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    JdbcClientAutoConfiguration.class, CatalogAutoConfiguration.class, GuardAutoConfiguration.class,
                    MetricsAutoConfiguration.class, SqsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
                    "spring.datasource.username=" + database.username(),
                    "limitless.catalog.file=classpath:catalogs/ledger.yaml", "limitless.catalog.live=true",
                    "limitless.sqs.deduplication-table=payment_messages",
                    "limitless.sqs.deduplication-shard-key-column=account_id",
                    "limitless.sqs.max-concurrent-transactions=2");

    @BeforeAll
    static void schema() {
        LedgerSchema.create(database);
        new JdbcTemplate(database.dataSource()).execute(
                DeduplicationTable.of("payment_messages", "account_id").limitlessDdl("uuid", "accounts"));
    }

    @Test
    void writersUseTheGuardedDataSourceSpringTransactionsTheMetersAndTheProperties() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            try (ShardGroupedBatchWriter<Payment> writer = context.getBean(ShardGroupedWriters.class)
                    .builder(MessageMapping.annotated(Payment.class, Payment::parse), group -> {
                        for (Payment payment : group.payloads()) {
                            jdbc.sql("INSERT INTO transactions (account_id, transaction_id) VALUES (?, ?)")
                                    .params(payment.accountId(), payment.transactionId()).update();
                        }
                        if (group.payloads().size() > 1) {
                            // refused by the guard: the group rolls back, the other group stays written
                            jdbc.sql("DELETE FROM transactions").update();
                        }
                    }).build()) {
                UUID one = UUID.randomUUID();
                UUID two = UUID.randomUUID();
                List<QueueMessage> batch = List.of(message("a", one), message("b", two), message("c", two));

                BatchResult result = writer.write(batch);

                assertThat(writer.maxConcurrentTransactions()).isEqualTo(2);
                assertThat(result.written()).isEqualTo(1);
                assertThat(result.failedMessageIds()).containsExactly("b", "c");
                assertThat(writer.write(List.of(message("a", one))).duplicates()).isEqualTo(1);
                assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE account_id = ?").param(two)
                        .query(Integer.class).single()).as("rolled back").isZero();
                assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE account_id = ?").param(one)
                        .query(Integer.class).single()).isEqualTo(1);
            }
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(MicrometerSqsBatchMetrics.MESSAGES).tag("outcome", "retried").counter().count())
                    .isEqualTo(2);
            assertThat(registry.get("limitless.guard.refusals").tag("reason", "scatter")
                    .tag("table", "public.transactions").counter().count()).isEqualTo(1);
        });
    }

    @Test
    void refusesAHalfConfiguredDeduplicationTable() {
        runner.withPropertyValues("limitless.sqs.deduplication-shard-key-column=").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("limitless.sqs.deduplication-shard-key-column"));
    }

    @Test
    void backsOffWithoutLimitlessSqsOrWhenSwitchedOff() {
        runner.withClassLoader(new FilteredClassLoader(ShardGroupedBatchWriter.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ShardGroupedWriters.class));
        runner.withPropertyValues("limitless.sqs.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ShardGroupedWriters.class));
    }

    private static QueueMessage message(String id, UUID account) {
        return new QueueMessage(id, null, account + "," + UUID.randomUUID(), 1);
    }
}
