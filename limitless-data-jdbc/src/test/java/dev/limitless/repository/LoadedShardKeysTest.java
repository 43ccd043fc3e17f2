package dev.limitless.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadedShardKeysTest {

    /** An entity whose equals says two instances with the same id are the same: the map must not believe it. */
    record Account(String id) {
    }

    private final LoadedShardKeys keys = new LoadedShardKeys();

    @Test
    void remembersTheKeyOfEachInstanceByIdentityNotByEquals() {
        Account loaded = new Account("a");
        Account equalCopy = new Account("a");

        keys.remember(loaded, List.of("eu"));

        assertThat(keys.of(loaded)).containsExactly("eu");
        assertThat(keys.of(equalCopy)).isNull();
    }

    @Test
    void theLatestSaveOfAnInstanceReplacesWhatItWasLoadedWith() {
        Account account = new Account("a");

        keys.remember(account, List.of("eu"));
        keys.remember(account, List.of("us"));

        assertThat(keys.of(account)).containsExactly("us");
        assertThat(keys.size()).isEqualTo(1);
    }
}
