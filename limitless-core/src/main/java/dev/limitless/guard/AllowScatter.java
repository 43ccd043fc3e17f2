package dev.limitless.guard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a method (typically a repository query) deliberately reads or writes every shard, so the guard lets
 * its scatter statements run. Whoever invokes the method applies it with {@link ShardScope#allowScatter(String)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowScatter {

    /** Why scatter is acceptable here, for reviewers and logs (e.g. "nightly report, runs once a day"). */
    String reason();
}
