package dev.limitless.sample.jpa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The ledger on Spring Data JPA: accounts and their entries in sharded, collocated tables (docs/jpa.md). */
@SpringBootApplication
public class LedgerJpaApplication {

    public static void main(String[] args) {
        SpringApplication.run(LedgerJpaApplication.class, args);
    }
}
