package dev.limitless.sqs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Consumes a queue with the AWS SDK's {@link SqsClient} outside Lambda (a container, a local run), the way Lambda's
 * event source mapping does: long-polls batches of up to 10 messages, hands each batch to the
 * {@link ShardGroupedBatchWriter}, and deletes the messages that were written (or were duplicates). Failed messages
 * are left alone: SQS delivers them again after the visibility timeout and moves them to the dead-letter queue
 * after the queue's {@code maxReceiveCount}. The writer bounds the database concurrency, whatever the number of
 * consumer threads.
 *
 * <pre>{@code
 * SqsQueuePoller poller = SqsQueuePoller.builder(sqs, queueUrl, writer).consumers(2).build();
 * poller.start();
 * ...
 * poller.close();
 * }</pre>
 */
public final class SqsQueuePoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqsQueuePoller.class);
    private static final AtomicInteger POLLERS = new AtomicInteger();

    private final SqsClient sqs;
    private final String queueUrl;
    private final ShardGroupedBatchWriter<?> writer;
    private final int consumers;
    private final int batchSize;
    private final Duration waitTime;
    private final Duration backOff;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    private SqsQueuePoller(Builder builder) {
        this.sqs = builder.sqs;
        this.queueUrl = builder.queueUrl;
        this.writer = builder.writer;
        this.consumers = builder.consumers;
        this.batchSize = builder.batchSize;
        this.waitTime = builder.waitTime;
        this.backOff = builder.backOff;
    }

    /** A builder for a poller of {@code queueUrl} that writes through {@code writer}. */
    public static Builder builder(SqsClient sqs, String queueUrl, ShardGroupedBatchWriter<?> writer) {
        return new Builder(sqs, queueUrl, writer);
    }

    /** Starts the consumer threads (daemon threads named {@code limitless-sqs-poller-*}). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        int poller = POLLERS.incrementAndGet();
        for (int i = 1; i <= consumers; i++) {
            Thread thread = new Thread(this::consume, "limitless-sqs-poller-" + poller + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Receives one batch (waiting up to the wait time), writes it and deletes what was written.
     *
     * @return the result, or {@code null} when no message arrived
     */
    public BatchResult pollOnce() {
        ReceiveMessageResponse received = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                .maxNumberOfMessages(batchSize)
                .waitTimeSeconds((int) waitTime.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        if (!received.hasMessages() || received.messages().isEmpty()) {
            return null;
        }
        List<QueueMessage> messages = messages(received.messages());
        BatchResult result = writer.write(messages);
        acknowledge(messages, result);
        return result;
    }

    /** The SDK's messages as the writer reads them. */
    public static List<QueueMessage> messages(List<Message> received) {
        List<QueueMessage> messages = new ArrayList<>(received.size());
        for (Message message : received) {
            messages.add(new QueueMessage(message.messageId(), message.receiptHandle(), message.body(),
                    QueueMessage.receiveCount(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))));
        }
        return messages;
    }

    private void acknowledge(List<QueueMessage> messages, BatchResult result) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            QueueMessage message = messages.get(i);
            if (!result.failedMessageIds().contains(message.messageId())) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
        if (deleted.hasFailed() && !deleted.failed().isEmpty()) {
            // written, but not deleted: SQS delivers them again and the deduplication table acknowledges them
            log.warn("{} written message(s) could not be deleted from the queue ({}); they will come back as duplicates",
                    deleted.failed().size(), deleted.failed().get(0).code());
        }
    }

    private void consume() {
        while (running) {
            try {
                pollOnce();
            } catch (SdkException | org.springframework.dao.DataAccessException e) {
                if (!running) {
                    return;
                }
                log.warn("Polling {} failed ({}); trying again in {} ms", queueUrl, e.getClass().getName(),
                        backOff.toMillis());
                if (!pause()) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("Polling {} failed; trying again in {} ms", queueUrl, backOff.toMillis(), e);
                if (!pause()) {
                    return;
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(backOff.toMillis());
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops polling and waits for the batches in hand (at most the wait time plus a few seconds). */
    @Override
    public synchronized void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(waitTime.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    /** Builds a {@link SqsQueuePoller}. */
    public static final class Builder {

        private final SqsClient sqs;
        private final String queueUrl;
        private final ShardGroupedBatchWriter<?> writer;
        private int consumers = 1;
        private int batchSize = 10;
        private Duration waitTime = Duration.ofSeconds(20);
        private Duration backOff = Duration.ofSeconds(1);

        private Builder(SqsClient sqs, String queueUrl, ShardGroupedBatchWriter<?> writer) {
            this.sqs = Objects.requireNonNull(sqs, "sqs");
            this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
            this.writer = Objects.requireNonNull(writer, "writer");
        }

        /** Consumer threads, each receiving its own batches; default 1. */
        public Builder consumers(int count) {
            if (count < 1 || count > 256) {
                throw new IllegalArgumentException("consumers must be between 1 and 256, was " + count);
            }
            this.consumers = count;
            return this;
        }

        /** Messages per receive, 1 to 10 (SQS's limit); default 10. */
        public Builder batchSize(int size) {
            if (size < 1 || size > 10) {
                throw new IllegalArgumentException("batchSize must be between 1 and 10 (SQS's limit), was " + size);
            }
            this.batchSize = size;
            return this;
        }

        /** Long-poll wait, 0 to 20 seconds; default 20. */
        public Builder waitTime(Duration wait) {
            if (wait.isNegative() || wait.toSeconds() > 20) {
                throw new IllegalArgumentException("waitTime must be 0 to 20 seconds (SQS's limit), was " + wait);
            }
            this.waitTime = wait;
            return this;
        }

        /** Pause after a failed receive or delete; default 1 second. */
        public Builder backOff(Duration pause) {
            this.backOff = Objects.requireNonNull(pause, "pause");
            return this;
        }

        public SqsQueuePoller build() {
            return new SqsQueuePoller(this);
        }
    }
}
