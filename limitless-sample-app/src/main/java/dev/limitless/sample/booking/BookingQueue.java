package dev.limitless.sample.booking;

import dev.limitless.sample.ledger.Ledger;
import dev.limitless.sample.ledger.NewTransaction;
import dev.limitless.sample.ledger.Transaction;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The asynchronous booking path's front half: checks a booking request as the synchronous path would, then queues
 * it; {@link #find} tells whether it was booked.
 */
public class BookingQueue implements AutoCloseable {

    private final SqsClient sqs;
    private final String queueUrl;
    private final Ledger ledger;
    private final JsonMapper json;

    /**
     * @param sqs the client, or {@code null} when there is no queue (asynchronous booking then answers 503)
     * @param queueUrl the booking queue
     */
    public BookingQueue(SqsClient sqs, String queueUrl, Ledger ledger, JsonMapper json) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.ledger = ledger;
        this.json = json;
    }

    /**
     * Checks and queues a booking.
     *
     * @param idempotencyKey the client's key, or {@code null} for a new one
     * @return the request key to poll with
     */
    public String submit(UUID accountId, NewTransaction transaction, String idempotencyKey) {
        if (sqs == null) {
            throw new BookingQueueUnavailableException();
        }
        String requestKey = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        ledger.checkRecordable(accountId, transaction, requestKey);
        String body = json.writeValueAsString(BookingRequest.of(accountId, requestKey, transaction));
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body));
        return requestKey;
    }

    /** The transaction booked for the request, empty while it is still queued. */
    public Optional<Transaction> find(UUID accountId, String requestKey) {
        return ledger.transactionByIdempotencyKey(accountId, requestKey);
    }

    /** The queue's URL, or {@code null} when none is configured. */
    public String queueUrl() {
        return queueUrl;
    }

    SqsClient client() {
        return sqs;
    }

    @Override
    public void close() {
        if (sqs != null) {
            sqs.close();
        }
    }
}
