package dev.limitless.sample.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.limitless.sample.ledger.Account;
import dev.limitless.sample.ledger.Ledger;
import dev.limitless.sample.ledger.NewAccount;
import dev.limitless.sqs.ShardGroupedBatchWriter;
import dev.limitless.test.PostgresServers;
import dev.limitless.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The booking queue's Lambda handler as the SQS event source mapping drives it, on the lambda profile. */
class BookingQueueLambdaHandlerTest {

    static BookingQueueLambdaHandler handler;
    static Ledger ledger;

    static TestDatabase database;

    @BeforeAll
    static synchronized void coldStart() {
        if (handler != null) {
            return;
        }
        // The handler reads its settings from the process, as on AWS: the database is given by URL.
        database = PostgresServers.shared().createDatabase("ledger_bookings_lambda", 16);
        Map<String, String> environment = Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "ledger-bookings-test",
                "spring.datasource.url", database.jdbcUrl(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password(),
                // this test's fresh database needs the schema (on AWS, MigrationHandler migrates once per deployment)
                "spring.flyway.enabled", "true",
                "spring.flyway.url", "${spring.datasource.url}",
                "spring.flyway.user", "${spring.datasource.username}",
                "spring.flyway.password", "${spring.datasource.password}");
        environment.forEach(System::setProperty);
        try {
            handler = new BookingQueueLambdaHandler();
        } finally {
            environment.keySet().forEach(System::clearProperty);
        }
        ledger = BookingQueueLambdaHandler.context().getBean(Ledger.class);
    }

    @Test
    void booksEachAccountsGroupOnceAndReportsOnlyTheFailedMessages() {
        Account ada = ledger.openAccount(new NewAccount("Ada", "EUR"));
        Account bob = ledger.openAccount(new NewAccount("Bob", "EUR"));
        UUID nobody = UUID.randomUUID();
        SQSEvent event = event(
                message("m1", booking(ada.accountId(), "r1", "10.00")),
                message("m2", booking(bob.accountId(), "r2", "5.00")),
                message("m3", "{not json"),
                message("m4", booking(ada.accountId(), "r3", "2.50")),
                message("m5", booking(nobody, "r4", "1.00")));

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m3", "m5");
        assertThat(ledger.account(ada.accountId()).balance()).isEqualByComparingTo("12.50");
        assertThat(ledger.account(bob.accountId()).balance()).isEqualByComparingTo("5.00");

        // Lambda delivers the batch again (say the function timed out after writing): nothing is booked twice
        SQSBatchResponse redelivered = handler.handleRequest(event, null);

        assertThat(redelivered.getBatchItemFailures()).hasSize(2);
        assertThat(ledger.recentTransactions(ada.accountId(), 10)).hasSize(2);
        assertThat(ledger.account(ada.accountId()).balance()).isEqualByComparingTo("12.50");
    }

    @Test
    void runsOneGroupTransactionAtATimeOnTheLambdaProfile() {
        ShardGroupedBatchWriter<?> writer = BookingQueueLambdaHandler.writer(BookingQueueLambdaHandler.context());

        assertThat(writer.maxConcurrentTransactions()).isEqualTo(1);
    }

    private static String booking(UUID account, String requestKey, String amount) {
        return "{\"accountId\": \"" + account + "\", \"requestKey\": \"" + requestKey + "\", \"amount\": \"" + amount
                + "\", \"currency\": \"EUR\", \"direction\": \"CREDIT\"}";
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setReceiptHandle("handle-" + id);
        message.setBody(body);
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        message.setEventSource("aws:sqs");
        return message;
    }

    private static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(List.of(messages)));
        return event;
    }
}
