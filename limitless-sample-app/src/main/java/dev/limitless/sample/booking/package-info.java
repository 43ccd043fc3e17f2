/**
 * Asynchronous bookings through SQS: the API queues a {@link dev.limitless.sample.booking.BookingRequest}, and
 * limitless-sqs' shard-grouped batch writer books the queued requests, one transaction per account and batch,
 * each at most once, with {@link dev.limitless.sample.booking.BookingBatchHandler}.
 */
package dev.limitless.sample.booking;
