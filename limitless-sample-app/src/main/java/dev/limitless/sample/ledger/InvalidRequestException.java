package dev.limitless.sample.ledger;

/** A request field with a value the ledger does not accept; the message says which value would be accepted. */
public final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The name of the offending field or parameter, as the caller sent it. */
    public String field() {
        return field;
    }
}
