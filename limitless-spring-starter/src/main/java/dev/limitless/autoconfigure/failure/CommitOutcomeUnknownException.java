package dev.limitless.autoconfigure.failure;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * The connection was lost while the transaction committed: the commit may or may not have been applied. Retrying is
 * safe only for an idempotent unit of work (an idempotency key stored with the write makes the retry find the first
 * result); the cause keeps the driver's exception and its SQLState.
 */
public class CommitOutcomeUnknownException extends TransientDataAccessResourceException {

    public CommitOutcomeUnknownException(Throwable cause) {
        super("JDBC commit: the connection was lost during the commit, so whether the transaction was applied is"
                + " unknown; retry only an idempotent unit of work (with the same idempotency key)", cause);
    }
}
