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
 * A scope on the current thread: an opt-in to scatter ({@link #allowScatter(String)}) or an active shard key
 * ({@link #forKey(Object...)}). The opt-in to scatter:
 * <pre>{@code
 * try (ShardScope scope = ShardScope.allowScatter("monthly report")) {
 *     jdbcClient.sql("SELECT count(*) FROM transactions").query(Long.class).single();
 * }
 * }</pre>
 * While a scope is open, statements the policy would refuse for their route (SCATTER, MULTI_SHARD, UNKNOWN) run.
 * Inserts without the shard key and shard-key updates stay refused. Scopes nest; close them in reverse order.
 *
 * <p>An active shard key scope runs its work on one shard per statement without key predicates, as Aurora Limitless'
 * {@code rds_aurora.limitless_active_shard_key} does (see docs/active-shard-key.md):
 * <pre>{@code
 * try (ShardScope scope = ShardScope.forKey(tenantId)) {
 *     jdbcClient.sql("SELECT * FROM invoices WHERE status = 'open'").query(Invoice.class).list(); // one shard
 * }
 * }</pre>
 * The guarded data source sends {@code SET LOCAL rds_aurora.limitless_active_shard_key = '{"..."}'} before the first
 * statement of each transaction in the scope, and the guard judges statements on compatible sharded tables
 * SINGLE_SHARD. The innermost scope decides: an {@code allowScatter} scope inside a key scope suspends the key (its
 * statements run without it, counted as {@code limitless.active.key.suspended}); a key scope inside an
 * {@code allowScatter} scope runs with the key and without the opt-in.
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
    // the active shard key of a forKey scope; null for an allowScatter scope
    private final ActiveShardKey key;
    // the caller of allowScatter: the scope belongs to that method's invocation
    private final StackWalker.StackFrame opener;
    // mutable only so that closing abandoned scopes can unlink them; touched by the owning thread only
    private ShardScope outer;
    private boolean closed;

    private ShardScope(String reason, ActiveShardKey key, StackWalker.StackFrame opener, ShardScope outer) {
        this.reason = reason;
        this.key = key;
        this.opener = opener;
        this.outer = outer;
    }

    /** Opens a scope on the current thread in which scatter is allowed; close it (try-with-resources). */
    public static ShardScope allowScatter(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why scatter is acceptable here: ShardScope.allowScatter(\"nightly report\")");
        }
        return open(reason, null);
    }

    /**
     * Opens a scope on the current thread in which {@code values} (one per shard-key column, in key order) are the
     * active shard key; close it (try-with-resources).
     *
     * @throws IllegalArgumentException when a value is missing, {@code null} or of a type without an exact PostgreSQL
     *     text form ({@link ActiveShardKey#of})
     */
    public static ShardScope forKey(Object... values) {
        return open("active shard key", ActiveShardKey.of(values));
    }

    /** Opens a scope with {@code key} as the active shard key; close it (try-with-resources). */
    public static ShardScope forKey(ActiveShardKey key) {
        return open("active shard key", java.util.Objects.requireNonNull(key, "key"));
    }

    /**
     * Opens a key scope that outlives the method opening it: for infrastructure that opens a scope in one callback and
     * closes it in another on the same thread (a web request's interceptor, a message listener container). It is never
     * closed as abandoned, so the caller must close it in a {@code finally} or completion callback.
     */
    public static ShardScope forKeyUntilClosed(ActiveShardKey key) {
        ShardScope scope = new ShardScope("active shard key", java.util.Objects.requireNonNull(key, "key"), null, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** Runs {@code work} with {@code key} as the active shard key and returns its result. */
    public static <T> T withKey(ActiveShardKey key, Callable<T> work) throws Exception {
        try (ShardScope ignored = forKey(key)) {
            return work.call();
        }
    }

    private static ShardScope open(String reason, ActiveShardKey key) {
        // one frame, read lazily: the cost of opening stays a few stack frames deep
        StackWalker.StackFrame opener = WALKER.walk(frames -> frames.filter(frame -> !frame.getClassName().equals(SELF))
                .findFirst().orElse(null));
        ShardScope scope = new ShardScope(reason, key, opener, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The active shard key of the current thread (the innermost scope's), or {@code null}. */
    public static ActiveShardKey activeKey() {
        ShardScope scope = CURRENT.get();
        return scope == null ? null : scope.key;
    }

    /**
     * The key that an {@code allowScatter} scope suspends: when the innermost scope allows scatter, the key of the
     * nearest enclosing key scope; else {@code null}.
     */
    public static ActiveShardKey suspendedKey() {
        ShardScope scope = CURRENT.get();
        if (scope == null || scope.key != null) {
            return null;
        }
        for (ShardScope outer = scope.outer; outer != null; outer = outer.outer) {
            if (outer.key != null) {
                return outer.key;
            }
        }
        return null;
    }

    /** This scope's active shard key, or {@code null} for an opt-in to scatter. */
    public ActiveShardKey key() {
        return key;
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

    /** Whether the current thread's innermost scope allows scatter. */
    public static boolean scatterAllowed() {
        ShardScope scope = CURRENT.get();
        return scope != null && scope.key == null;
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
