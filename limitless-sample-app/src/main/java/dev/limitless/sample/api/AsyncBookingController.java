package dev.limitless.sample.api;

import dev.limitless.sample.booking.BookingQueue;
import dev.limitless.sample.booking.BookingQueueUnavailableException;
import dev.limitless.sample.ledger.NewTransaction;
import dev.limitless.sample.ledger.Transaction;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Asynchronous booking (RFC 7240 {@code Prefer: respond-async}): the request is checked as the synchronous path
 * checks it, queued, and answered with 202 and a {@code Location} to poll; the queue's consumer books it. The poll
 * answers 202 while the booking is queued and 200 with the transaction once it is booked. Without
 * {@code respond-async} in {@code Prefer}, the request is booked synchronously by {@link AccountsController}.
 */
@RestController
@RequestMapping("/accounts")
class AsyncBookingController {

    private static final Logger log = LoggerFactory.getLogger(AsyncBookingController.class);

    static final String PREFER = "Prefer";
    static final String RESPOND_ASYNC = "respond-async";

    private final BookingQueue bookings;
    private final AccountsController accounts;

    AsyncBookingController(BookingQueue bookings, AccountsController accounts) {
        this.bookings = bookings;
        this.accounts = accounts;
    }

    // tag::async[]
    @PostMapping(path = "/{accountId}/transactions", headers = PREFER)
    ResponseEntity<?> record(@PathVariable UUID accountId, @RequestBody NewTransaction request,
            @RequestHeader(PREFER) String prefer,
            @RequestHeader(name = AccountsController.IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        if (!respondAsync(prefer)) {
            return accounts.record(accountId, request, idempotencyKey);
        }
        String requestKey = bookings.submit(accountId, request, idempotencyKey);
        URI location = URI.create("/accounts/" + accountId + "/transaction-requests/"
                + UriUtils.encodePathSegment(requestKey, StandardCharsets.UTF_8));
        return ResponseEntity.accepted().location(location).header("Preference-Applied", RESPOND_ASYNC)
                .body(new BookingStatus(accountId, requestKey, BookingStatus.QUEUED, null));
    }
    // end::async[]

    /** 200 with the transaction once booked; 202 while the request is queued. */
    @GetMapping("/{accountId}/transaction-requests/{requestKey}")
    ResponseEntity<?> status(@PathVariable UUID accountId, @PathVariable String requestKey) {
        return bookings.find(accountId, requestKey)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.ACCEPTED).header("Retry-After", "1")
                        .body(new BookingStatus(accountId, requestKey, BookingStatus.QUEUED, null)));
    }

    /** No queue here, or the queue did not take the message: the client may retry, or book synchronously. */
    @ExceptionHandler({BookingQueueUnavailableException.class, SdkException.class})
    ProblemDetail queueUnavailable(RuntimeException failure) {
        log.warn("Asynchronous booking refused: {}", failure.getClass().getName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                failure instanceof BookingQueueUnavailableException ? failure.getMessage()
                        : "The booking queue did not take the request; retry with the same Idempotency-Key.");
        problem.setTitle("Booking queue unavailable");
        return problem;
    }

    private static boolean respondAsync(String prefer) {
        for (String preference : prefer.split(",")) {
            String token = preference.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (token.equals(RESPOND_ASYNC)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a queued booking looks like to the client.
     *
     * @param accountId the account
     * @param requestKey the key the booking is recorded under (the {@code Idempotency-Key}, or one generated)
     * @param status {@code QUEUED}
     * @param transaction always {@code null} here; the booked transaction is the poll's 200 body
     */
    record BookingStatus(UUID accountId, String requestKey, String status, Transaction transaction) {
        static final String QUEUED = "QUEUED";
    }
}
