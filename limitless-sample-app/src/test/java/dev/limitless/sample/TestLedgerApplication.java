package dev.limitless.sample;

import dev.limitless.test.boot.LimitlessTestDatabase;
import org.springframework.boot.SpringApplication;

/**
 * The ledger on a local database, for {@code ./mvnw -pl limitless-sample-app -am spring-boot:run} (which this module
 * runs with the test class path) and {@code spring-boot:test-run}: {@link LedgerApplication} plus
 * {@link LimitlessTestDatabase}, a fresh database with the local Limitless emulation on the embedded PostgreSQL 16.
 * It lives in the test sources so that limitless-test and the PostgreSQL binaries stay out of the production jar.
 */
public final class TestLedgerApplication {

    private TestLedgerApplication() {
    }

    public static void main(String[] args) {
        SpringApplication.from(LedgerApplication::main).with(LimitlessTestDatabase.class).run(args);
    }
}
