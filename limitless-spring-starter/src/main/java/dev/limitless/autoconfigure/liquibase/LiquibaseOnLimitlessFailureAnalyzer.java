package dev.limitless.autoconfigure.liquibase;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains why Liquibase is refused on Limitless and what to use instead. */
final class LiquibaseOnLimitlessFailureAnalyzer extends AbstractFailureAnalyzer<LiquibaseOnLimitlessException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LiquibaseOnLimitlessException cause) {
        return new FailureAnalysis(cause.getMessage(),
                """
                Migrate with Flyway instead: add org.springframework.boot:spring-boot-starter-flyway and
                org.flywaydb:flyway-database-postgresql; limitless-core's Flyway database type locks with a row lock
                and finds its history table as Limitless shows it (docs/ddl.md). Then remove Liquibase, or set
                spring.liquibase.enabled=false.""",
                cause);
    }
}
