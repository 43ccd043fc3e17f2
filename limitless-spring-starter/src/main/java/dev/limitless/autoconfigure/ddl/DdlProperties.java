package dev.limitless.autoconfigure.ddl;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** What limitless does with the schema at start-up ({@code limitless.ddl.*}). See docs/ddl.md. */
@ConfigurationProperties("limitless.ddl")
public class DdlProperties {

    /**
     * none: nothing; validate: compare the live catalog (rds_aurora.limitless_tables) with the entities and the
     * catalog file after migrations ran (both ways), and stop start-up listing every difference; create: create
     * every mapped entity's missing table with Limitless DDL (standard when not annotated), for local runs and tests.
     */
    private Mode mode = Mode.NONE;

    /**
     * Health status reported when the live catalog (rds_aurora.limitless_tables) differs from the declared one,
     * e.g. DOWN or OUT_OF_SERVICE; UP reports the differences without failing the check.
     */
    private String mismatchHealthStatus = "DOWN";

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public String getMismatchHealthStatus() {
        return mismatchHealthStatus;
    }

    public void setMismatchHealthStatus(String mismatchHealthStatus) {
        this.mismatchHealthStatus = mismatchHealthStatus;
    }

    /** What limitless does with the schema at start-up. */
    public enum Mode {
        /** Nothing. */
        NONE,
        /** Compare declared and live catalogs, fail on any difference. */
        VALIDATE,
        /** Create every mapped entity's missing table with Limitless DDL. */
        CREATE
    }
}
