package dev.limitless.sample.booking;

import dev.limitless.autoconfigure.sqs.ShardGroupedWriters;
import dev.limitless.sample.ledger.Ledger;
import dev.limitless.sqs.MessageMapping;
import dev.limitless.sqs.ShardGroupedBatchWriter;
import dev.limitless.sqs.SqsQueuePoller;
import dev.limitless.sqs.local.EmbeddedSqsServer;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The booking queue: locally an embedded SQS-compatible server with the queue and its dead-letter queue, on AWS the
 * queue of {@code ledger.bookings.queue-url}; the batch writer that books its messages; and, outside Lambda, the
 * poller that feeds the writer (in Lambda, the event source mapping invokes {@code BookingQueueLambdaHandler}).
 */
@Configuration(proxyBeanMethods = false)
class BookingQueueConfiguration {

    /**
     * On AWS (or wherever no embedded queue runs): the queue of {@code ledger.bookings.queue-url}; without it,
     * asynchronous booking answers 503.
     */
    @Bean
    @ConditionalOnMissingBean(BookingQueue.class)
    BookingQueue bookingQueue(Ledger ledger, JsonMapper json, @Value("${ledger.bookings.queue-url:}") String queueUrl) {
        if (queueUrl.isBlank()) {
            return new BookingQueue(null, null, ledger, json);
        }
        return new BookingQueue(SqsClient.create(), queueUrl, ledger, json);
    }

    /**
     * Local runs: the queue and its dead-letter queue live in an SQS-compatible server in this JVM, gone when the
     * application stops. The server is a test dependency (spring-boot:run runs with the test class path), absent
     * from the production jar and the Lambda package, hence the class condition.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("ledger.bookings.embedded-queue")
    @ConditionalOnClass(name = "org.elasticmq.rest.sqs.SQSRestServerBuilder")
    static class EmbeddedQueueConfiguration {

        @Bean
        EmbeddedSqsServer ledgerEmbeddedSqsServer() {
            return EmbeddedSqsServer.start();
        }

        @Bean
        BookingQueue embeddedBookingQueue(EmbeddedSqsServer server, Ledger ledger, JsonMapper json,
                @Value("${limitless.sqs.max-receive-count:5}") int maxReceiveCount,
                @Value("${ledger.bookings.visibility-timeout:30s}") Duration visibilityTimeout) {
            String url = server.createQueueWithDeadLetterQueue("ledger-bookings", Math.max(1, maxReceiveCount),
                    visibilityTimeout).queueUrl();
            return new BookingQueue(server.client(), url, ledger, json);
        }
    }

    /** Books booking messages, one transaction per account and batch; the same writer in Lambda and locally. */
    // tag::writer[]
    @Bean
    ShardGroupedBatchWriter<BookingRequest> bookingWriter(ShardGroupedWriters writers, BookingBatchHandler handler,
            JsonMapper json) {
        MessageMapping<BookingRequest> mapping = MessageMapping.annotated(BookingRequest.class,
                body -> json.readValue(body, BookingRequest.class));
        return writers.builder(mapping, handler).build(); // deduplication table and limits: limitless.sqs.*
    }
    // end::writer[]

    @Bean
    @ConditionalOnBooleanProperty("ledger.bookings.poll")
    BookingQueuePoller bookingQueuePoller(BookingQueue queue, ShardGroupedBatchWriter<BookingRequest> bookingWriter) {
        return new BookingQueuePoller(queue, bookingWriter);
    }

    /** Polls the queue while the application runs: started after every bean (and the migrations) is ready. */
    static final class BookingQueuePoller implements SmartLifecycle {

        private final BookingQueue queue;
        private final ShardGroupedBatchWriter<BookingRequest> writer;
        private SqsQueuePoller poller;

        BookingQueuePoller(BookingQueue queue, ShardGroupedBatchWriter<BookingRequest> writer) {
            this.queue = queue;
            this.writer = writer;
        }

        @Override
        public synchronized void start() {
            if (queue.client() == null) {
                return;
            }
            poller = SqsQueuePoller.builder(queue.client(), queue.queueUrl(), writer).consumers(2)
                    .waitTime(Duration.ofSeconds(1)).build();
            poller.start();
        }

        @Override
        public synchronized void stop() {
            if (poller != null) {
                poller.close();
                poller = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return poller != null;
        }
    }
}
