package dev.limitless.sqs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the record component, field or no-argument method of a message payload that holds the message's shard key:
 * the value of the shard-key column of the table the message is written to (e.g. {@code account_id}).
 * {@link MessageMapping#annotated(Class, java.util.function.Function)} reads it once; messages whose key is {@code null} are refused and reported
 * as failed.
 *
 * <pre>{@code
 * record Booking(@MessageShardKey UUID accountId, BigDecimal amount, String currency) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface MessageShardKey {
}
