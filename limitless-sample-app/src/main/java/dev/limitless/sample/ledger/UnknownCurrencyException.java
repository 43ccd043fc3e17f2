package dev.limitless.sample.ledger;

import java.util.Collection;

/** A currency code that the {@code currencies} reference table does not hold. */
public final class UnknownCurrencyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String currency;

    UnknownCurrencyException(String currency, Collection<String> known) {
        super("Unknown currency '" + currency + "'. Use one of " + String.join(", ", known)
                + " (the rows of the currencies table).");
        this.currency = currency;
    }

    public String currency() {
        return currency;
    }
}
