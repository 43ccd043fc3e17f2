package dev.limitless.pinning;

import dev.limitless.policy.Policy;
import dev.limitless.policy.PolicyAction;

/**
 * Why a statement or a driver setting pins an RDS Proxy client session to one database connection (or leaks
 * session state to the next client of a transaction-pooling PgBouncer).
 *
 * <p>{@link #tag()} is the value of the {@code reason} tag of the {@code limitless.pinning.risks} counter: the set
 * is fixed, dashboards rely on it.
 */
public enum PinningReason implements Policy.Case {

    /** {@code SET}, {@code RESET} or an assigning {@code set_config(...)} that changes the session. */
    SET("set", "Set the parameter per transaction with SET LOCAL inside BEGIN ... COMMIT, per role or database"
            + " with ALTER ROLE/DATABASE ... SET, or as a connection property of the driver."),
    /** SQL-level {@code PREPARE}, {@code EXECUTE} or {@code DEALLOCATE}. */
    PREPARE("prepare", "Use JDBC PreparedStatement (protocol-level prepared statements do not pin) instead of"
            + " SQL PREPARE/EXECUTE/DEALLOCATE."),
    /** Creating a temporary table or view (also {@code SELECT ... INTO TEMP}). */
    TEMP_TABLE("temp_table", "Use a regular (or unlogged) table keyed by a request id, a CTE, or VALUES lists"
            + " instead of a temporary table or view."),
    /** {@code DECLARE} of a cursor. */
    CURSOR("cursor", "Page with keyset pagination (WHERE key > ? ORDER BY key LIMIT n) or let PgJDBC stream"
            + " inside a transaction with setFetchSize instead of DECLARE ... CURSOR."),
    /** {@code LISTEN} on a notification channel. */
    LISTEN("listen", "Listen on a dedicated direct connection that bypasses the proxy, or use a queue"
            + " (SQS, EventBridge); LISTEN/NOTIFY is also unsupported on Limitless."),
    /** Session-level advisory locks ({@code pg_advisory_lock}, {@code pg_try_advisory_lock} and their shared forms). */
    ADVISORY_LOCK("advisory_lock", "Use the transaction-scoped pg_advisory_xact_lock / pg_try_advisory_xact_lock"
            + " inside an explicit transaction."),
    /** {@code nextval}/{@code setval} in the statement text, or creating a temporary sequence. */
    SEQUENCE("sequence", "Let a column DEFAULT call nextval (the statement text then does not name it), or generate"
            + " ids in the application (UUIDs)."),
    /** {@code DISCARD} (including a pool's {@code DISCARD ALL} reset). */
    DISCARD("discard", "Remove DISCARD from the application and from the pool's reset or test query;"
            + " the proxy resets connections itself."),
    /** {@code LOAD} of a library module. */
    LOAD("load", "Load modules through the cluster parameter group (shared_preload_libraries,"
            + " session_preload_libraries) instead of LOAD."),
    /** A statement text over 16 KB. */
    LARGE_STATEMENT("large_statement", "Keep statements under 16 KB: pass large values as bind parameters"
            + " (e.g. = ANY(?) with an array) instead of inlining them, or split the batch."),
    /** A pool or driver setting that makes the driver send {@code SET} or {@code DISCARD}. */
    DRIVER_SETTING("driver_setting", "Change the pool or driver setting named in the finding.");

    /** Statements longer than this many UTF-8 bytes pin (RDS Proxy's limit). */
    public static final int LARGE_STATEMENT_BYTES = 16 * 1024;

    private final String tag;
    private final String fix;

    PinningReason(String tag, String fix) {
        this.tag = tag;
        this.fix = fix;
    }

    /** The value of the {@code reason} tag, e.g. {@code temp_table}. */
    public String tag() {
        return tag;
    }

    /** Warn: the default action of the pinning detector for every reason (refuse them all behind RDS Proxy). */
    @Override
    public PolicyAction defaultAction() {
        return PolicyAction.WARN;
    }

    /** What to do instead, one or two sentences. */
    public String fix() {
        return fix;
    }
}
