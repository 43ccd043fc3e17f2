package dev.limitless.sqs.local;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS-compatible server in this JVM (ElasticMQ, {@code org.elasticmq:elasticmq-rest-sqs_2.13}), for tests and
 * local runs: the real AWS SDK talks to it over HTTP on a free port of the loopback interface. It keeps queues in
 * memory and honours visibility timeouts, receive counts and redrive policies (dead-letter queues).
 *
 * <pre>{@code
 * try (EmbeddedSqsServer server = EmbeddedSqsServer.start(); SqsClient sqs = server.client()) {
 *     QueuePair queues = server.createQueueWithDeadLetterQueue("bookings", 3, Duration.ofSeconds(30));
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedSqsServer implements AutoCloseable {

    /** The region the server and its clients use. */
    public static final Region REGION = Region.US_EAST_1;

    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedSqsServer(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static EmbeddedSqsServer start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                .withAWSRegion(REGION.id()).start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedSqsServer(server, port);
    }

    /** The server's URL, for the SDK's {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A new SDK client on this server (static local credentials); the caller closes it. */
    public SqsClient client() {
        return SqsClient.builder().endpointOverride(endpoint).region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    /**
     * Creates a queue and its dead-letter queue ({@code name + "-dlq"}), linked by a redrive policy.
     *
     * @param maxReceiveCount deliveries of a message before it moves to the dead-letter queue
     * @param visibilityTimeout how long a received message stays invisible before it is delivered again
     */
    public QueuePair createQueueWithDeadLetterQueue(String name, int maxReceiveCount, Duration visibilityTimeout) {
        Objects.requireNonNull(name, "name");
        if (maxReceiveCount < 1) {
            throw new IllegalArgumentException("maxReceiveCount must be 1 or more, was " + maxReceiveCount);
        }
        try (SqsClient sqs = client()) {
            String deadLetterUrl = sqs.createQueue(request -> request.queueName(name + "-dlq")).queueUrl();
            String deadLetterArn = sqs.getQueueAttributes(request -> request.queueUrl(deadLetterUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String queueUrl = sqs.createQueue(request -> request.queueName(name).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds()),
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn
                            + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}"))).queueUrl();
            return new QueuePair(queueUrl, deadLetterUrl);
        }
    }

    /** Stops the server and waits until it is down. */
    @Override
    public void close() {
        server.stopAndWait();
    }

    /**
     * A queue and its dead-letter queue.
     *
     * @param queueUrl the queue
     * @param deadLetterQueueUrl its dead-letter queue
     */
    public record QueuePair(String queueUrl, String deadLetterQueueUrl) {
    }
}
