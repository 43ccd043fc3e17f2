package dev.limitless.sample.tenant;

import dev.limitless.autoconfigure.activekey.ShardKeyResolver;
import dev.limitless.guard.ActiveShardKey;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every request with an {@code X-Account-Id} header runs with that account as the active shard key. */
@Configuration(proxyBeanMethods = false)
class TenantScopeConfiguration {

    static final String ACCOUNT_HEADER = "X-Account-Id";

    // tag::resolver[]
    @Bean
    ShardKeyResolver accountFromHeader() {
        return (request, pathVariables) -> {
            String account = request.getHeader(ACCOUNT_HEADER);
            // UUID.fromString refuses anything else with IllegalArgumentException: the starter answers 400
            return account == null ? null : ActiveShardKey.of(UUID.fromString(account));
        };
    }
    // end::resolver[]
}
