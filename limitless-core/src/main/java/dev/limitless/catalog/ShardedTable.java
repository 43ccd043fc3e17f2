package dev.limitless.catalog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity as stored in an Aurora Limitless sharded table. Use with Spring Data's {@code @Table}; the shard
 * key is given here or by {@link ShardKey} on fields (not both).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ShardedTable {

    /** Shard-key columns in key order; empty to take the fields marked {@link ShardKey}, in declaration order. */
    String[] shardKey() default {};

    /** Table (optionally schema-qualified) to collocate with; empty for none. */
    String collocateWith() default "";
}
