package dev.limitless.sample.ledger;

import java.util.UUID;

/** No account has the given id. */
public final class UnknownAccountException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final UUID accountId;

    UnknownAccountException(UUID accountId) {
        super("No account " + accountId + ". Open one with POST /accounts and use the accountId it returns.");
        this.accountId = accountId;
    }

    public UUID accountId() {
        return accountId;
    }
}
