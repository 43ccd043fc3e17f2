package dev.limitless.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a fresh database on a real PostgreSQL (see {@link PostgresServers} for which one), with the
 * local Limitless emulation installed. Test constructors, lifecycle methods and test methods may declare
 * parameters of type {@link TestDatabase} or {@link javax.sql.DataSource}; static or instance fields of those
 * types annotated with {@link LimitlessPostgres.Inject} are filled in as well.
 *
 * <pre>{@code
 * @LimitlessPostgres
 * class LedgerTest {
 *     @Test
 *     void insertsIntoOneShard(DataSource dataSource) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LimitlessPostgresExtension.class)
public @interface LimitlessPostgres {

    /** Number of emulated shards; {@code 0} gives a plain PostgreSQL database without the emulation. */
    int shards() default 16;

    /** Marks a {@link TestDatabase} or {@link javax.sql.DataSource} field to be filled in. */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface Inject {
    }
}
