package dev.limitless.guard;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops parses that run past their deadline. A parser is registered once, on its first parse, and forgotten when it is
 * dropped; a parse only writes its deadline into its parser (no map operation, no thread woken). One daemon thread
 * looks at the registered parsers every few milliseconds and sets the interrupt flag of one whose parse has passed its
 * deadline. Scheduling a timer task per parse instead woke the timer thread for every new statement, which cost more
 * than the rest of the guard's work on a first analysis.
 */
final class ParseWatchdog implements AutoCloseable {

    private final Set<GuardParser> parsers = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private final long tickMillis;
    private volatile boolean closed;

    /** A watchdog that looks every quarter of {@code budgetMillis}, at least every 10 ms and at most every 1 ms. */
    ParseWatchdog(long budgetMillis) {
        this.tickMillis = Math.max(1, Math.min(10, budgetMillis / 4));
        thread = new Thread(this::watch, "limitless-guard-parse-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    boolean isClosed() {
        return closed;
    }

    /** The parse {@code parser} starts must stop by {@code deadlineNanos} ({@link System#nanoTime()}). */
    void watch(GuardParser parser, long deadlineNanos) {
        parser.startParse(deadlineNanos);
        if (!parser.watched) {
            parser.watched = true;
            parsers.add(parser);
        }
    }

    /** The parse ended: from now on the parser is never interrupted for it, even by a look that already began. */
    void done(GuardParser parser) {
        parser.endParse();
    }

    /** The parser is dropped: the watchdog stops looking at it. */
    void forget(GuardParser parser) {
        if (parser.watched) {
            parser.watched = false;
            parsers.remove(parser);
        }
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(tickMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (parsers.isEmpty()) {
                continue;
            }
            long now = System.nanoTime();
            for (GuardParser parser : parsers) {
                parser.interruptIfPast(now);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
