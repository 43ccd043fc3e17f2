package dev.limitless.sample.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.limitless.sample.booking.BookingRequest;
import dev.limitless.sqs.LambdaSqsBatches;
import dev.limitless.sqs.ShardGroupedBatchWriter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * AWS Lambda entry point for the booking queue (SQS event source mapping, {@code ReportBatchItemFailures}). Handler
 * string: {@code dev.limitless.sample.lambda.BookingQueueLambdaHandler::handleRequest}. It hands each batch to the
 * same shard-grouped writer as the local poller: one transaction per account, each booking at most once, and the
 * messages of a failed group reported in {@code batchItemFailures} so only they return to the queue.
 */
public final class BookingQueueLambdaHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final ConfigurableApplicationContext CONTEXT = LambdaApplication.start();

    private final ShardGroupedBatchWriter<BookingRequest> writer;

    /** Called by the Lambda runtime, once per execution environment. */
    public BookingQueueLambdaHandler() {
        this.writer = writer(CONTEXT);
    }

    // tag::handler[]
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return LambdaSqsBatches.write(writer, event);
    }
    // end::handler[]

    @SuppressWarnings("unchecked")
    static ShardGroupedBatchWriter<BookingRequest> writer(ConfigurableApplicationContext context) {
        return (ShardGroupedBatchWriter<BookingRequest>) context.getBeanProvider(
                ResolvableType.forClassWithGenerics(ShardGroupedBatchWriter.class, BookingRequest.class)).getObject();
    }

    /** The context this execution environment runs on. */
    static ConfigurableApplicationContext context() {
        return CONTEXT;
    }
}
