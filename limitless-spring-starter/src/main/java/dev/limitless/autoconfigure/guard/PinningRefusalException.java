package dev.limitless.autoconfigure.guard;

import dev.limitless.pinning.PinningReason;
import dev.limitless.pinning.PinningRefusedException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * A statement refused because it would pin the database session (the pinning policy says refuse for its reason), as
 * Spring code sees it. The cause is the {@link PinningRefusedException} (SQLState
 * {@value PinningRefusedException#SQL_STATE}); nothing was sent.
 */
public class PinningRefusalException extends InvalidDataAccessApiUsageException {

    private static final long serialVersionUID = 1L;

    private final transient PinningReason reason;

    public PinningRefusalException(String task, PinningRefusedException refusal) {
        super((task == null ? "" : task + ": ") + refusal.getMessage(), refusal);
        this.reason = refusal.reason();
    }

    /** Why the statement pins. */
    public PinningReason reason() {
        return reason;
    }
}
