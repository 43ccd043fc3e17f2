package dev.limitless.autoconfigure.activekey;

import dev.limitless.guard.ActiveShardKey;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the active shard key of a web request: from a header, a path variable, the security principal. Declare it as
 * a bean; the starter runs each Spring MVC handler inside {@code ShardScope.forKey(...)} with the key it returns (the
 * first resolver, in {@code @Order}, that returns one wins), on the Limitless topology only.
 *
 * <pre>{@code
 * @Bean
 * ShardKeyResolver tenantFromHeader() {
 *     return (request, pathVariables) -> {
 *         String tenant = request.getHeader("X-Tenant-Id");
 *         return tenant == null ? null : ActiveShardKey.of(Long.parseLong(tenant));
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ShardKeyResolver {

    /**
     * The key for this request, or {@code null} to run it without an active key.
     *
     * @param request the request
     * @param pathVariables the URI template variables of the matched handler (empty when none)
     * @throws IllegalArgumentException when the request carries a key that is not valid (answered 400)
     */
    ActiveShardKey resolve(HttpServletRequest request, java.util.Map<String, String> pathVariables);
}
