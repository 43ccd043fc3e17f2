package dev.limitless.sqs;

import java.util.Objects;

/**
 * One SQS message as the batch writer sees it, whatever delivered it (a Lambda {@code SQSEvent}, see
 * {@link LambdaSqsBatches}, or the AWS SDK's {@code ReceiveMessage}, see {@link SqsQueuePoller}).
 *
 * @param messageId the SQS message id: what a partial batch response names
 * @param receiptHandle the handle to delete the message with, or {@code null} (Lambda deletes for you)
 * @param body the message body
 * @param receiveCount SQS's {@code ApproximateReceiveCount} (1 on the first delivery), or 0 when not known
 */
public record QueueMessage(String messageId, String receiptHandle, String body, int receiveCount) {

    public QueueMessage {
        Objects.requireNonNull(messageId, "messageId");
        if (receiveCount < 0) {
            throw new IllegalArgumentException("receiveCount must be 0 (unknown) or more, was " + receiveCount);
        }
    }

    /** Reads SQS's {@code ApproximateReceiveCount} attribute; 0 when it is missing or not a number. */
    static int receiveCount(String approximateReceiveCount) {
        if (approximateReceiveCount == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(approximateReceiveCount.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        // never the body: it carries the application's data
        return "QueueMessage[messageId=" + messageId + ", receiveCount=" + receiveCount + "]";
    }
}
