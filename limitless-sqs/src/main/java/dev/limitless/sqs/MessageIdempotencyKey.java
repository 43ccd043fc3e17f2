package dev.limitless.sqs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the record component, field or no-argument method of a message payload that identifies the message for
 * idempotency (e.g. a request id the producer generates). Without it, the SQS message id is the key: it protects
 * against redelivery of one message, not against a producer that sends the same payload twice.
 * {@link MessageMapping#annotated(Class, java.util.function.Function)} reads it once; its value is written with {@link String#valueOf(Object)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface MessageIdempotencyKey {
}
