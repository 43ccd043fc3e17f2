package dev.limitless.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Lambda side of the batch writer (needs {@code aws-lambda-java-events}): an {@link SQSEvent} in, an
 * {@link SQSBatchResponse} out. The event source mapping must have {@code FunctionResponseTypes:
 * [ReportBatchItemFailures]}, otherwise Lambda ignores the response and retries the whole batch.
 *
 * <pre>{@code
 * public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
 *     return LambdaSqsBatches.write(writer, event);
 * }
 * }</pre>
 */
public final class LambdaSqsBatches {

    private LambdaSqsBatches() {
    }

    /** Writes the event's messages and answers with the failed ones. */
    public static SQSBatchResponse write(ShardGroupedBatchWriter<?> writer, SQSEvent event) {
        return response(writer.write(messages(event)));
    }

    /** The event's messages, with their receive counts. */
    public static List<QueueMessage> messages(SQSEvent event) {
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<QueueMessage> messages = new ArrayList<>(records.size());
        for (SQSEvent.SQSMessage record : records) {
            Map<String, String> attributes = record.getAttributes();
            messages.add(new QueueMessage(record.getMessageId(), record.getReceiptHandle(), record.getBody(),
                    QueueMessage.receiveCount(attributes == null ? null : attributes.get("ApproximateReceiveCount"))));
        }
        return messages;
    }

    /** The partial batch response: one {@code batchItemFailures} entry per failed message. */
    public static SQSBatchResponse response(BatchResult result) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>(result.failedMessageIds().size());
        for (String id : result.failedMessageIds()) {
            failures.add(new SQSBatchResponse.BatchItemFailure(id));
        }
        return new SQSBatchResponse(failures);
    }
}
