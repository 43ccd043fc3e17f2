package dev.limitless.sqs;

/**
 * A message with its decoded payload and the keys the writer found in it.
 *
 * @param message the message as delivered
 * @param payload the decoded body
 * @param shardKey the value of the shard-key column the payload is written under
 * @param idempotencyKey what makes this message written at most once (the message id or a payload key)
 */
public record DecodedMessage<T>(QueueMessage message, T payload, Object shardKey, String idempotencyKey) {

    @Override
    public String toString() {
        return "DecodedMessage[messageId=" + message.messageId() + "]";
    }
}
