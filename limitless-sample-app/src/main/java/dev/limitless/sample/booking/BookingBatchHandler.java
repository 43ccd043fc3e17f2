package dev.limitless.sample.booking;

import dev.limitless.sample.ledger.Ledger;
import dev.limitless.sqs.GroupHandler;
import dev.limitless.sqs.ShardGroup;
import org.springframework.stereotype.Component;

/**
 * Books one shard group of booking messages: every message of the group names the same account, so the group's
 * transaction (which {@link Ledger#record} joins) stays on that account's shard. The Lambda SQS handler and the
 * local queue poller both write through the writer built on it ({@link BookingQueueConfiguration}), so they run
 * this same code.
 */
// tag::handler[]
@Component
public class BookingBatchHandler implements GroupHandler<BookingRequest> {

    private final Ledger ledger;

    BookingBatchHandler(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void write(ShardGroup<BookingRequest> group) {
        for (BookingRequest booking : group.payloads()) {
            ledger.record(booking.accountId(), booking.transaction(), booking.requestKey());
        }
    }
}
// end::handler[]
