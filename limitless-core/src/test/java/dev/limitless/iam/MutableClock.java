package dev.limitless.iam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A wall clock and a monotonic clock that only move when a test moves them: {@link #advance} moves both, as time
 * passing does; {@link #stepWallClock} moves only the wall clock, as an NTP correction or an operator does.
 */
final class MutableClock extends Clock {

    private volatile Instant now;
    private volatile long nanos = 1_000_000_000L;

    MutableClock(Instant start) {
        this.now = start;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
        nanos += duration.toNanos();
    }

    void stepWallClock(Duration duration) {
        now = now.plus(duration);
    }

    /** The monotonic reading, for {@code IamTokenCache.Builder#nanoTime}. */
    long nanoTime() {
        return nanos;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public long millis() {
        return now.toEpochMilli();
    }
}
