package dev.limitless.sample.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.limitless.sample.booking.BookingQueue;
import dev.limitless.sample.ledger.Ledger;
import dev.limitless.sqs.local.EmbeddedSqsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The asynchronous booking as it runs on AWS: the API function's routes queue the booking on a real queue (the
 * embedded SQS-compatible server), the booking queue's function receives the batch as an {@code SQSEvent} and books
 * it, and the API function's poll then answers 200.
 */
class AsyncBookingLambdaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static EmbeddedSqsServer server;
    static String queueUrl;
    static LambdaRoutes routes;
    static BookingQueueLambdaHandler queueFunction;

    @BeforeAll
    static void deploy() {
        server = EmbeddedSqsServer.start();
        queueUrl = server.createQueueWithDeadLetterQueue("bookings", 3, Duration.ofSeconds(30)).queueUrl();
        BookingQueueLambdaHandlerTest.coldStart();
        queueFunction = BookingQueueLambdaHandlerTest.handler;
        var context = BookingQueueLambdaHandler.context();
        routes = new LambdaRoutes(context.getBean(Ledger.class), context.getBean(JsonMapper.class),
                new BookingQueue(server.client(), queueUrl, context.getBean(Ledger.class),
                        context.getBean(JsonMapper.class)));
    }

    @AfterAll
    static void tearDown() {
        server.close();
    }

    @Test
    void theApiQueuesTheQueueFunctionBooksAndThePollShowsTheTransaction() {
        String accountId = JSON.readTree(invoke("POST", "/accounts", "{\"owner\": \"Ada\", \"currency\": \"EUR\"}",
                Map.of()).getBody()).get("accountId").asString();

        APIGatewayV2HTTPResponse accepted = invoke("POST", "/accounts/" + accountId + "/transactions",
                "{\"amount\": \"7.25\", \"currency\": \"EUR\"}", Map.of("prefer", "respond-async"));

        assertThat(accepted.getStatusCode()).isEqualTo(202);
        String location = accepted.getHeaders().get("Location");
        assertThat(location).startsWith("/accounts/" + accountId + "/transaction-requests/");
        assertThat(invoke("GET", location, null, Map.of()).getStatusCode()).as("still queued").isEqualTo(202);

        SQSBatchResponse response = queueFunction.handleRequest(receive(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        APIGatewayV2HTTPResponse booked = invoke("GET", location, null, Map.of());
        assertThat(booked.getStatusCode()).isEqualTo(200);
        JsonNode transaction = JSON.readTree(booked.getBody());
        assertThat(transaction.get("amount").asString()).isEqualTo("7.25");
        assertThat(transaction.get("status").asString()).isEqualTo("BOOKED");
    }

    @Test
    void aRequestTheLedgerRefusesIsAnsweredAtOnce() {
        APIGatewayV2HTTPResponse refused = invoke("POST", "/accounts/00000000-0000-0000-0000-000000000002/transactions",
                "{\"amount\": \"1\", \"currency\": \"EUR\"}", Map.of("prefer", "respond-async"));

        assertThat(refused.getStatusCode()).isEqualTo(404);
    }

    /** What the SQS event source mapping hands the function: the received messages as an SQSEvent. */
    private static SQSEvent receive() {
        try (var sqs = server.client()) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(5).messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
            assertThat(messages).hasSize(1);
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (Message message : messages) {
                SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                record.setMessageId(message.messageId());
                record.setReceiptHandle(message.receiptHandle());
                record.setBody(message.body());
                record.setAttributes(Map.of("ApproximateReceiveCount",
                        message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)));
                records.add(record);
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(records);
            return event;
        }
    }

    private static APIGatewayV2HTTPResponse invoke(String method, String path, String body, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("$default")
                .withRawPath(path)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
        return routes.handle(event);
    }
}
