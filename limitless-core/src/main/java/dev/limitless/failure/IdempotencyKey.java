package dev.limitless.failure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter that carries the caller's idempotency key: a call is an idempotent unit of work, and may be
 * retried on a transient failure, exactly when this argument is not {@code null}. The method must make the key
 * effective itself: store it with the write, under a unique constraint on the same shard as the row, and answer a
 * key seen before with the first result.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IdempotencyKey {
}
