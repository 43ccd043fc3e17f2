package dev.limitless.failure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method (or every public method of a type) an idempotent unit of work: running it twice has the effect
 * of running it once. Under the starter (unless {@code limitless.retry.enabled=false}), a call that fails with a
 * {@linkplain FailureClass#TRANSIENT transient} failure is run again, around its whole transaction, with backoff and
 * within the retry budget. Only declare what is true: a retried insert without an idempotency key books twice.
 *
 * @see IdempotencyKey for units that are idempotent only when the caller gives a key
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Idempotent {
}
