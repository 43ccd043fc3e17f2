package dev.limitless.guard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a method (or every method of a type) with an active shard key, so that its statements reach one shard without
 * key predicates (see {@link ShardScope#forKey(Object...)} and docs/active-shard-key.md).
 *
 * <p>With {@link #key()}: each invocation opens {@code ShardScope.forKey(...)} with the values of the SpEL expressions,
 * evaluated over the method's arguments ({@code #tenantId} by parameter name, or {@code #p0}/{@code #a0} by
 * position), one expression per shard-key column:
 * <pre>{@code
 * @ShardScoped(key = "#tenantId")
 * public List<Invoice> openInvoices(long tenantId) { ... }
 * }</pre>
 * Without a key, on a repository method or interface: the method runs inside the caller's active key (a
 * {@code @ShardScoped(key = ...)} service, a {@code ShardScope.forKey} block, a request scoped by a
 * {@code ShardKeyResolver}); the start-up check of repositories accepts its queries without key predicates, and a call
 * outside every key scope fails before any SQL is sent.
 *
 * <p>Applied by the starter (Spring AOP on beans, the repository proxy on repositories), on the Limitless topology
 * only.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ShardScoped {

    /**
     * SpEL expressions over the method's arguments, one per shard-key column in key order (e.g. {@code "#tenantId"});
     * empty: run inside the caller's active key, which must exist.
     */
    String[] key() default {};
}
