package dev.limitless.sample.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationHandlerTest {

    @Test
    void migratesAFreshDatabaseAndValidatesItAgainstTheEntities() {
        Map<String, String> environment = Map.of("AWS_LAMBDA_FUNCTION_NAME", "ledger-migrate-test", "limitless.ddl.mode", "validate");
        environment.forEach(System::setProperty);
        try {
            assertThat(new MigrationHandler().handleRequest(Map.of(), null)).isEqualTo("schema version 19");
        } finally {
            environment.keySet().forEach(System::clearProperty);
        }
    }
}
