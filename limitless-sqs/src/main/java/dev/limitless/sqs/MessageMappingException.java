package dev.limitless.sqs;

/**
 * A payload type or a message that the batch writer cannot map: no (or more than one) {@link MessageShardKey}, a
 * body that does not decode, a {@code null} shard key or idempotency key. Thrown when a {@link MessageMapping} is
 * built; for one message, the message is reported as failed and this exception's message is logged (never the body).
 */
public class MessageMappingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MessageMappingException(String message) {
        super(message);
    }

    public MessageMappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
