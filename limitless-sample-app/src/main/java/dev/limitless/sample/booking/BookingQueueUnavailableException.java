package dev.limitless.sample.booking;

/** An asynchronous booking was asked for, but this deployment has no booking queue. */
public class BookingQueueUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BookingQueueUnavailableException() {
        super("Asynchronous booking is not configured here: set ledger.bookings.queue-url (the SAM template sets"
                + " LEDGER_BOOKINGS_QUEUEURL), or send the request without 'Prefer: respond-async'.");
    }
}
