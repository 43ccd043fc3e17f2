package dev.limitless.autoconfigure.local;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The local Limitless emulation ({@code limitless.local.*}), for laptops, tests and CI; never for production. See
 * docs/local-emulation.md.
 */
@ConfigurationProperties("limitless.local")
public class LocalProperties {

    /**
     * Start an embedded PostgreSQL 16 with the emulation when the application has no database of its own (no
     * spring.datasource.url, no DataSource or JdbcConnectionDetails bean). Needs dev.limitless:limitless-test on
     * the class path (test scope; run with the test class path).
     */
    private boolean embeddedDatabase = false;

    /**
     * Install the emulation into the application's DataSource at start-up, before Flyway migrates. Needs
     * dev.limitless:limitless-emulation on the class path (limitless-test brings it).
     */
    private boolean install = false;

    /** Emulated shard count (1 to 512). */
    private int shards = 16;

    /**
     * With embedded-database: connect the application as an ordinary role that owns the database instead of the
     * superuser, as on Aurora (whose master user is no PostgreSQL superuser), so that row-level security (the
     * emulated active shard key) applies to its SELECTs.
     */
    private boolean ordinaryRole = false;

    /**
     * Let limitless.local.install change a database that neither limitless.local.embedded-database nor the test
     * support created (a compose file or CI service you own). A server that reports Aurora or RDS is refused
     * regardless.
     */
    private boolean installOnAnyDatabase = false;

    public boolean isEmbeddedDatabase() {
        return embeddedDatabase;
    }

    public void setEmbeddedDatabase(boolean embeddedDatabase) {
        this.embeddedDatabase = embeddedDatabase;
    }

    public boolean isInstall() {
        return install;
    }

    public void setInstall(boolean install) {
        this.install = install;
    }

    public int getShards() {
        return shards;
    }

    public void setShards(int shards) {
        this.shards = shards;
    }

    public boolean isOrdinaryRole() {
        return ordinaryRole;
    }

    public void setOrdinaryRole(boolean ordinaryRole) {
        this.ordinaryRole = ordinaryRole;
    }

    public boolean isInstallOnAnyDatabase() {
        return installOnAnyDatabase;
    }

    public void setInstallOnAnyDatabase(boolean installOnAnyDatabase) {
        this.installOnAnyDatabase = installOnAnyDatabase;
    }
}
