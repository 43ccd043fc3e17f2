package dev.limitless.metrics;

import dev.limitless.iam.IamTokenListener;
import dev.limitless.pinning.PinningReason;

/**
 * What the JDBC layer, the pinning detector and the IAM token cache report. The interface and its
 * {@link #noop() no-op} carry no Micrometer types, so the library runs without Micrometer on the class path;
 * {@link MicrometerMetrics} records the meters of the metrics reference:
 * {@code limitless.statement}, {@code limitless.guard.refusals}, {@code limitless.pinning.risks},
 * {@code limitless.iam.token.refreshes}, {@code limitless.iam.token.age}, {@code limitless.guard.unwrapped}, {@code limitless.guard.timeouts},
 * {@code limitless.active.key.sets}, {@code limitless.active.key.suspended}.
 *
 * <p>As an {@link IamTokenListener} it counts the mints of an {@code IamTokenCache}
 * ({@code IamTokenCache.builder().listener(metrics)}).
 *
 * <p>Tags come from fixed small sets: never SQL text, ids or bind values.
 */
public interface LimitlessMetrics extends IamTokenListener {

    /** Metrics that record nothing and cost nothing once the JIT has inlined them. */
    static LimitlessMetrics noop() {
        return NoopMetrics.INSTANCE;
    }

    /**
     * The meters for one distinct statement; call once per distinct SQL text (with its analysis), not per execution.
     *
     * @param route the route tag: single_shard, multi_shard, scatter, reference, standard or unknown (any case;
     *     anything else is recorded as unknown)
     * @param table the primary sharded table (as in the catalog), or {@code null}/{@code none}; its values must come
     *     from the catalog so that they stay a small set
     * @param operation the kind of statement
     */
    StatementMeters statementMeters(String route, String table, StatementOperation operation);

    /** One execution that pins for {@code reason} (whatever the policy did with it). */
    void pinningRisk(PinningReason reason);

    /**
     * Code called {@code unwrap} on a guarded JDBC object and received the unguarded pool or driver object: SQL sent
     * through it is not checked.
     *
     * @param callSite the calling class and method ({@code com.example.Importer.load}); the caller keeps the set of
     *     values small
     */
    void unwrapped(String callSite);

    /**
     * The guard's parse of a new statement ran out of its time budget (the verdict was not cached; the statement was
     * refused for now where it names a sharded table, and is analyzed again in the background).
     */
    default void guardTimeout() {
    }

    /**
     * The guarded data source sent {@code SET LOCAL rds_aurora.limitless_active_shard_key} ({@code transaction = true})
     * or the session form for auto-commit work ({@code false}) for a {@code ShardScope.forKey} scope.
     */
    default void activeKeySet(boolean transaction) {
    }

    /**
     * A statement ran inside {@code ShardScope.allowScatter} nested in a key scope: the key was suspended for it, so it
     * may touch every shard. The explicit opt-in to scatter inside a key scope.
     */
    default void activeKeySuspended() {
    }
}
