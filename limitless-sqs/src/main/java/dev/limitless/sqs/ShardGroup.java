package dev.limitless.sqs;

import java.util.List;

/**
 * The messages of one batch that share a shard key and have not been written before, in delivery order. A
 * {@link GroupHandler} writes them inside one transaction that stays on that key's shard.
 *
 * @param shardKey the value of the shard-key column every statement of the group must name
 * @param messages at least one
 */
public record ShardGroup<T>(Object shardKey, List<DecodedMessage<T>> messages) {

    public ShardGroup {
        messages = List.copyOf(messages);
    }

    /** The payloads, in delivery order. */
    public List<T> payloads() {
        return messages.stream().map(DecodedMessage::payload).toList();
    }

    @Override
    public String toString() {
        // the key may be personal data: only the size
        return "ShardGroup[messages=" + messages.size() + "]";
    }
}
