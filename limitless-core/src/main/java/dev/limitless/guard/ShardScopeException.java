package dev.limitless.guard;

import java.sql.SQLException;

/**
 * A statement the guard refused before it reached the database. The message names the statement (shortened), the
 * table, the missing key and the ways out. Subtypes say which kind of refusal it is.
 */
public abstract sealed class ShardScopeException extends SQLException
        permits ScatterRefusedException, UnanalyzableStatementException, MissingShardKeyException, ShardKeyUpdateException {

    /** SQLState of every refusal: feature not supported (no pool treats it as a broken connection). */
    public static final String SQL_STATE = "0A000";

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
