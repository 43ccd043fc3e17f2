package dev.limitless.sample;

import dev.limitless.test.boot.LimitlessTestDatabase;
import org.springframework.boot.SpringApplication;

/**
 * The ledger on a local database, Spring Boot's test-run pattern: {@link LedgerApplication} plus
 * {@link LimitlessTestDatabase}, a fresh database with the local Limitless emulation on the embedded PostgreSQL 16.
 * {@code ./mvnw -pl limitless-sample-app -am spring-boot:test-run -Dspring-boot.run.main-class=dev.limitless.sample.TestLedgerApplication}
 * runs it. It lives in the test sources so that limitless-test and the PostgreSQL binaries stay out of the production
 * jar.
 */
public final class TestLedgerApplication {

    private TestLedgerApplication() {
    }

    public static void main(String[] args) {
        SpringApplication.from(LedgerApplication::main).with(LimitlessTestDatabase.class).run(args);
    }
}
