package dev.limitless.guard;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A programmatic opt-in to scatter for the current thread:
 * <pre>{@code
 * try (ShardScope scope = ShardScope.allowScatter("monthly report")) {
 *     jdbcClient.sql("SELECT count(*) FROM transactions").query(Long.class).single();
 * }
 * }</pre>
 * While a scope is open, statements the policy would refuse for their route (SCATTER, MULTI_SHARD, UNKNOWN) run.
 * Inserts without the shard key and shard-key updates stay refused. Scopes nest; close them in reverse order.
 */
public final class ShardScope implements AutoCloseable {

    private static final ThreadLocal<ShardScope> CURRENT = new ThreadLocal<>();

    private final String reason;
    private final ShardScope outer;
    private boolean closed;

    private ShardScope(String reason, ShardScope outer) {
        this.reason = reason;
        this.outer = outer;
    }

    /** Opens a scope on the current thread in which scatter is allowed; close it (try-with-resources). */
    public static ShardScope allowScatter(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why scatter is acceptable here: ShardScope.allowScatter(\"nightly report\")");
        }
        ShardScope scope = new ShardScope(reason, CURRENT.get());
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
