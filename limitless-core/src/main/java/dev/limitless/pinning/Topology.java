package dev.limitless.pinning;

/**
 * What the application connects to, as far as pinning and session features matter. Set explicitly (the starter's
 * {@code limitless.pinning.topology}); never guessed from a host name.
 */
public enum Topology {

    /** RDS Proxy (or a transaction-pooling PgBouncer) in front of a standard PostgreSQL: session features pin. */
    PROXY,

    /**
     * The transaction routers of Aurora PostgreSQL Limitless Database (or its local emulation). RDS Proxy is not
     * supported there; advisory locks of every kind fail.
     */
    LIMITLESS
}
