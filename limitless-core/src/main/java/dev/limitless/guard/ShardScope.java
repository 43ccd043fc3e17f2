package dev.limitless.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A programmatic opt-in to scatter for the current thread:
 * <pre>{@code
 * try (ShardScope scope = ShardScope.allowScatter("monthly report")) {
 *     jdbcClient.sql("SELECT count(*) FROM transactions").query(Long.class).single();
 * }
 * }</pre>
 * While a scope is open, statements the policy would refuse for their route (SCATTER, MULTI_SHARD, UNKNOWN) run.
 * Inserts without the shard key and shard-key updates stay refused. Scopes nest; close them in reverse order.
 *
 * <p>A scope left open by a method that has returned (a forgotten {@code close()} on a pooled thread) is
 * <em>abandoned</em>: the guarded data source finds it at the thread's next connection checkout or transaction end
 * ({@link #closeAbandoned}), logs a warning naming the method that opened it, and closes it, so it never allows
 * scatter for the next task. A scope whose opening method is still running is left alone.
 */
public final class ShardScope implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShardScope.class);
    private static final ThreadLocal<ShardScope> CURRENT = new ThreadLocal<>();
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String SELF = ShardScope.class.getName();

    private final String reason;
    // the caller of allowScatter: the scope belongs to that method's invocation
    private final StackWalker.StackFrame opener;
    // mutable only so that closing abandoned scopes can unlink them; touched by the owning thread only
    private ShardScope outer;
    private boolean closed;

    private ShardScope(String reason, StackWalker.StackFrame opener, ShardScope outer) {
        this.reason = reason;
        this.opener = opener;
        this.outer = outer;
    }

    /** Opens a scope on the current thread in which scatter is allowed; close it (try-with-resources). */
    public static ShardScope allowScatter(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why scatter is acceptable here: ShardScope.allowScatter(\"nightly report\")");
        }
        // one frame, read lazily: the cost of opening stays a few stack frames deep
        StackWalker.StackFrame opener = WALKER.walk(frames -> frames.filter(frame -> !frame.getClassName().equals(SELF))
                .findFirst().orElse(null));
        ShardScope scope = new ShardScope(reason, opener, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** Runs {@code work} with scatter allowed and returns its result. */
    public static <T> T allowScatter(String reason, Callable<T> work) throws Exception {
        try (ShardScope ignored = allowScatter(reason)) {
            return work.call();
        }
    }

    /** Runs {@code work} with scatter allowed. */
    public static void allowScatter(String reason, Runnable work) {
        Objects.requireNonNull(work, "work");
        try (ShardScope ignored = allowScatter(reason)) {
            work.run();
        }
    }

    /** Whether the current thread is inside a scope that allows scatter. */
    public static boolean scatterAllowed() {
        return CURRENT.get() != null;
    }

    /** The reason of the innermost open scope, or {@code null}. */
    public static String currentReason() {
        ShardScope scope = CURRENT.get();
        return scope == null ? null : scope.reason;
    }

    public String reason() {
        return reason;
    }

    /**
     * Closes the scopes on the current thread whose opening method is no longer running (left open by mistake) and
     * logs each at WARN with the frame that opened it. Called by the guarded data source at every connection checkout
     * and transaction end; call it yourself where your own thread pool starts a task. Costs one thread-local read when
     * no scope is open; otherwise one walk of the current stack.
     *
     * @param checkpoint where the check runs, for the log ({@code "connection checkout"}, {@code "commit"})
     * @return how many scopes were closed
     */
    public static int closeAbandoned(String checkpoint) {
        ShardScope innermost = CURRENT.get();
        return innermost == null ? 0 : closeAbandoned(innermost, checkpoint);
    }

    private static int closeAbandoned(ShardScope innermost, String checkpoint) {
        Set<String> running = WALKER.walk(frames -> frames.map(ShardScope::method).collect(Collectors.toSet()));
        List<ShardScope> kept = new ArrayList<>();
        int abandoned = 0;
        for (ShardScope scope = innermost; scope != null; scope = scope.outer) {
            if (scope.opener == null || running.contains(method(scope.opener))) {
                kept.add(scope);
            } else {
                scope.closed = true;
                abandoned++;
                log.warn("ShardScope '{}' opened at {} was still open at {} on thread '{}' after that method had returned;"
                        + " closed it so that it does not allow scatter for later work on this thread. Close scopes with"
                        + " try-with-resources, or use ShardScope.allowScatter(reason, work).",
                        scope.reason, scope.opener, checkpoint, Thread.currentThread().getName());
            }
        }
        if (abandoned > 0) {
            for (int i = 0; i < kept.size(); i++) {
                kept.get(i).outer = i + 1 < kept.size() ? kept.get(i + 1) : null;
            }
            if (kept.isEmpty()) {
                CURRENT.remove();
            } else {
                CURRENT.set(kept.get(0));
            }
        }
        return abandoned;
    }

    private static String method(StackWalker.StackFrame frame) {
        return frame.getClassName() + '.' + frame.getMethodName() + frame.getDescriptor();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("ShardScope '" + reason + "' closed out of order; close nested scopes first");
        }
        closed = true;
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
