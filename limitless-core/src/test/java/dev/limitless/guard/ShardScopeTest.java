package dev.limitless.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardScopeTest {

    @Test
    void scopesNestAndCloseInReverseOrder() {
        assertThat(ShardScope.scatterAllowed()).isFalse();
        try (ShardScope outer = ShardScope.allowScatter("report")) {
            try (ShardScope inner = ShardScope.allowScatter("export")) {
                assertThat(ShardScope.currentReason()).isEqualTo("export");
            }
            assertThat(ShardScope.currentReason()).isEqualTo("report");
        }
        assertThat(ShardScope.scatterAllowed()).isFalse();
    }

    @Test
    void refusesScopeWithoutReasonAndOutOfOrderClose() {
        assertThatThrownBy(() -> ShardScope.allowScatter(" ")).isInstanceOf(IllegalArgumentException.class);
        ShardScope outer = ShardScope.allowScatter("outer");
        ShardScope inner = ShardScope.allowScatter("inner");
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("out of order");
        inner.close();
        outer.close();
        assertThat(ShardScope.scatterAllowed()).isFalse();
    }

    @Test
    void scopeDoesNotLeakToOtherThreads() throws Exception {
        try (ShardScope scope = ShardScope.allowScatter("this thread only")) {
            boolean[] seen = new boolean[1];
            Thread other = new Thread(() -> seen[0] = ShardScope.scatterAllowed());
            other.start();
            other.join();
            assertThat(seen[0]).isFalse();
        }
    }

    private static ShardScope openAndReturn(String reason) {
        return ShardScope.allowScatter(reason);
    }

    @Test
    void closeAbandonedClosesOnlyScopesWhoseOpeningMethodReturned() {
        try (ShardScope running = ShardScope.allowScatter("running")) {
            ShardScope abandoned = openAndReturn("abandoned");
            try (ShardScope inner = ShardScope.allowScatter("inner")) {
                assertThat(ShardScope.closeAbandoned("test")).isEqualTo(1);
                assertThat(ShardScope.currentReason()).isEqualTo("inner");
            }
            assertThat(ShardScope.currentReason()).as("the abandoned scope is unlinked").isEqualTo("running");
            abandoned.close();
            assertThat(ShardScope.currentReason()).isEqualTo("running");
            assertThat(ShardScope.closeAbandoned("test")).isZero();
        }
        assertThat(ShardScope.scatterAllowed()).isFalse();
    }

    @Test
    void closeAbandonedWithoutAScopeDoesNothing() {
        assertThat(ShardScope.closeAbandoned("test")).isZero();
        openAndReturn("forgotten");
        assertThat(ShardScope.closeAbandoned("test")).isEqualTo(1);
        assertThat(ShardScope.scatterAllowed()).isFalse();
    }
}
