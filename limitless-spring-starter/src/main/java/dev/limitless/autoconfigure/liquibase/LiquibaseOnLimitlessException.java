package dev.limitless.autoconfigure.liquibase;

/** Liquibase was about to migrate an Aurora Limitless database (or its emulation). */
public final class LiquibaseOnLimitlessException extends IllegalStateException {

    LiquibaseOnLimitlessException(String beanName) {
        super("Liquibase (bean '" + beanName + "') is about to migrate an Aurora Limitless database (it has"
                + " rds_aurora.limitless_tables). Limitless' routers show every table, Liquibase's databasechangelog and"
                + " databasechangeloglock too, as a foreign table; Liquibase does not recognise them as tables, so its"
                + " next run tries to create them again and fails with 'relation already exists' (liquibase/liquibase#6690).");
    }
}
