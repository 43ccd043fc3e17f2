package dev.limitless.guard;

import java.sql.SQLException;

/**
 * A statement the guard refused before it reached the database. The message names the statement (shortened), the
 * table, the missing key and the ways out. Subtypes say which kind of refusal it is.
 */
public abstract sealed class ShardScopeException extends SQLException
        permits ScatterRefusedException, UnanalyzableStatementException, MissingShardKeyException, ShardKeyUpdateException,
        ActiveShardKeyException {

    /**
     * SQLState of every refusal: class {@code LM}, implementation-defined (first letter I-Z, SQL standard), so that no
     * pool or driver reads it as a broken connection. Not {@code 0A000}: HikariCP treats that as fatal and evicts the
     * pooled connection; nor any {@code 08} state (PgJDBC's and every pool's connection errors).
     */
    public static final String SQL_STATE = "LM001";

    private static final long serialVersionUID = 1L;

    private final transient Verdict verdict;

    ShardScopeException(String message, Verdict verdict) {
        super(message, SQL_STATE);
        this.verdict = verdict;
    }

    /** The verdict that refused the statement. */
    public Verdict verdict() {
        return verdict;
    }
}
