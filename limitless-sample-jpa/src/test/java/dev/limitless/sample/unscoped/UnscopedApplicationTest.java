package dev.limitless.sample.unscoped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.limitless.repository.UnscopedRepositoryMethodsException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** A Spring Boot JPA application with one unscoped derived query fails start-up naming the repository and method. */
class UnscopedApplicationTest {

    @Test
    void anUnscopedDerivedQueryStopsTheApplicationNamingIt() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(UnscopedApplication.class)
                .properties("spring.config.name=unscoped", "limitless.local.embedded-database=true",
                        "limitless.local.shards=4", "spring.jpa.hibernate.ddl-auto=none")
                .run().close());

        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        assertThat(cause).isInstanceOf(UnscopedRepositoryMethodsException.class)
                .hasMessageStartingWith("1 repository method would not stay inside one shard")
                .hasMessageContaining("WalletRepository.findByOwner(String): derived query is SCATTER")
                .hasMessageNotContaining("WalletRepository.findByWalletId(");
    }
}
