package dev.limitless.pinning;

import java.util.Locale;

/**
 * What the application connects to. One setting for the whole library (the starter's {@code limitless.topology}):
 * pinning and session features, the AWS JDBC wrapper's plugins and the start-up checks follow it. Set explicitly or
 * detected from the database (the starter does, once the application is ready); never guessed from a host name alone.
 */
public enum Topology {

    /** RDS Proxy (or a transaction-pooling PgBouncer) in front of a standard PostgreSQL: session features pin. */
    PROXY,

    /**
     * The transaction routers of Aurora PostgreSQL Limitless Database, through the cluster writer or reader endpoint
     * or the shard-group endpoint (or the local emulation and its routers). RDS Proxy is not supported there;
     * advisory locks of every kind fail; the AWS JDBC wrapper's {@code limitless} plugin balances over the routers.
     */
    LIMITLESS,

    /**
     * A standard PostgreSQL or Aurora PostgreSQL cluster reached directly, without a pooler: nothing pins, so pinning
     * risks are neither counted nor reported.
     */
    STANDARD;

    /** The value as written in properties: {@code proxy}, {@code limitless}, {@code standard}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
