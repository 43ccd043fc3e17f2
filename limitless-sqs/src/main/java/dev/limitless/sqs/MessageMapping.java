package dev.limitless.sqs;

import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a message becomes a payload and which shard it belongs to: a decoder (body to payload), the shard key (an
 * {@link MessageShardKey} on the payload type, or a function), and the idempotency key (the SQS message id unless
 * an {@link MessageIdempotencyKey} or a function names a payload key). Immutable; build once.
 *
 * <pre>{@code
 * MessageMapping<Booking> mapping = MessageMapping.annotated(Booking.class, body -> json.readValue(body, Booking.class));
 * MessageMapping<Booking> same = MessageMapping.of(body -> json.readValue(body, Booking.class), Booking::accountId)
 *         .withIdempotencyKey(Booking::requestId);
 * }</pre>
 */
public final class MessageMapping<T> {

    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private final Function<String, ? extends T> decoder;
    private final Function<? super T, ?> shardKey;
    private final Function<? super T, ?> idempotencyKey;
    private final String source;

    private MessageMapping(Function<String, ? extends T> decoder, Function<? super T, ?> shardKey,
            Function<? super T, ?> idempotencyKey, String source) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.shardKey = Objects.requireNonNull(shardKey, "shardKey");
        this.idempotencyKey = idempotencyKey;
        this.source = source;
    }

    /**
     * The mapping that {@code type}'s annotations declare: exactly one {@link MessageShardKey}, at most one
     * {@link MessageIdempotencyKey} (else the message id).
     *
     * @throws MessageMappingException when {@code type} has no or several {@link MessageShardKey} members
     */
    public static <T> MessageMapping<T> annotated(Class<T> type, Function<String, ? extends T> decoder) {
        Objects.requireNonNull(type, "type");
        Function<Object, Object> shardKey = accessor(type, MessageShardKey.class, true);
        Function<Object, Object> idempotencyKey = accessor(type, MessageIdempotencyKey.class, false);
        return new MessageMapping<>(decoder, shardKey::apply, idempotencyKey == null ? null : idempotencyKey::apply,
                type.getName());
    }

    /** A mapping with the shard key given by a function; the idempotency key is the message id. */
    public static <T> MessageMapping<T> of(Function<String, ? extends T> decoder, Function<? super T, ?> shardKey) {
        return new MessageMapping<>(decoder, shardKey, null, "a function");
    }

    /** The same mapping with a payload key (e.g. a producer's request id) instead of the message id. */
    public MessageMapping<T> withIdempotencyKey(Function<? super T, ?> key) {
        return new MessageMapping<>(decoder, shardKey, Objects.requireNonNull(key, "key"), source);
    }

    /** Whether the idempotency key is the SQS message id (no payload key). */
    public boolean keyedByMessageId() {
        return idempotencyKey == null;
    }

    /**
     * Decodes one message and finds its keys.
     *
     * @throws MessageMappingException naming the message id and what is wrong; never the body
     */
    public DecodedMessage<T> decode(QueueMessage message) {
        T payload;
        try {
            payload = decoder.apply(message.body());
        } catch (RuntimeException e) {
            throw new MessageMappingException("Message " + message.messageId() + " does not decode ("
                    + e.getClass().getSimpleName() + "); it is reported as failed and ends in the dead-letter queue"
                    + " after the queue's maxReceiveCount.", e);
        }
        if (payload == null) {
            throw new MessageMappingException("Message " + message.messageId() + " decodes to null.");
        }
        Object key = shardKey.apply(payload);
        if (key == null) {
            throw new MessageMappingException("Message " + message.messageId() + " has no shard key (the "
                    + "shard key from " + source + " is null): without it the message cannot be written on one shard.");
        }
        String idempotency;
        if (idempotencyKey == null) {
            idempotency = message.messageId();
        } else {
            Object value = idempotencyKey.apply(payload);
            if (value == null) {
                throw new MessageMappingException("Message " + message.messageId()
                        + " has no idempotency key (the payload key from " + source + " is null).");
            }
            idempotency = String.valueOf(value);
        }
        if (idempotency.isEmpty() || idempotency.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new MessageMappingException("Message " + message.messageId() + " has an idempotency key of "
                    + idempotency.length() + " characters; it must have 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + ".");
        }
        return new DecodedMessage<>(message, payload, key, idempotency);
    }

    private static Function<Object, Object> accessor(Class<?> type, Class<? extends Annotation> annotation,
            boolean required) {
        List<AccessibleObject> found = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.isAnnotationPresent(annotation)) {
                    found.add(component.getAccessor());
                }
            }
        }
        if (found.isEmpty()) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(annotation) && !Modifier.isStatic(field.getModifiers())) {
                        found.add(field);
                    }
                }
            }
            for (Method method : type.getMethods()) {
                if (method.isAnnotationPresent(annotation) && method.getParameterCount() == 0
                        && !Modifier.isStatic(method.getModifiers()) && !found.contains(method)) {
                    found.add(method);
                }
            }
        }
        String name = "@" + annotation.getSimpleName();
        if (found.size() > 1) {
            throw new MessageMappingException(type.getName() + " has " + found.size() + " members annotated " + name
                    + " (" + found.stream().map(m -> ((Member) m).getName()).toList() + "); annotate exactly one.");
        }
        if (found.isEmpty()) {
            if (required) {
                throw new MessageMappingException(type.getName() + " has no member annotated " + name + ": annotate"
                        + " the record component, field or getter that holds the shard key, or use"
                        + " MessageMapping.of(decoder, Payload::shardKey).");
            }
            return null;
        }
        AccessibleObject member = found.get(0);
        member.setAccessible(true);
        if (member instanceof Field field) {
            return payload -> {
                try {
                    return field.get(payload);
                } catch (IllegalAccessException e) {
                    throw new MessageMappingException("Cannot read " + name + " field " + field.getName(), e);
                }
            };
        }
        Method method = (Method) member;
        return payload -> {
            try {
                return method.invoke(payload);
            } catch (IllegalAccessException e) {
                throw new MessageMappingException("Cannot call " + name + " method " + method.getName(), e);
            } catch (InvocationTargetException e) {
                throw new MessageMappingException(name + " method " + method.getName() + " failed", e.getCause());
            }
        };
    }
}
