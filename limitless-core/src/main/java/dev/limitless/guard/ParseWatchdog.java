package dev.limitless.guard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Stops parses that run past their deadline. Parses register and unregister themselves (two map operations, no thread
 * is woken); one daemon thread looks at the registered deadlines every few milliseconds and sets the parser's
 * interrupt flag when one has passed. Scheduling a timer task per parse instead woke the timer thread for every new
 * statement, which cost more than the rest of the guard's work on a first analysis.
 */
final class ParseWatchdog implements AutoCloseable {

    private final Map<CCJSqlParser, Long> deadlines = new ConcurrentHashMap<>();
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

    /** The parse with this parser must stop by {@code deadlineNanos} ({@link System#nanoTime()}). */
    void watch(CCJSqlParser parser, long deadlineNanos) {
        deadlines.put(parser, deadlineNanos);
    }

    void done(CCJSqlParser parser) {
        deadlines.remove(parser);
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(tickMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (deadlines.isEmpty()) {
                continue;
            }
            long now = System.nanoTime();
            for (Map.Entry<CCJSqlParser, Long> entry : deadlines.entrySet()) {
                if (now - entry.getValue() >= 0) {
                    entry.getKey().interrupted = true;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
