package dev.limitless.autoconfigure.topology;

import dev.limitless.pinning.Topology;

/** The configured {@code limitless.topology} contradicts what the database shows of itself at start-up. */
public final class TopologyMismatchException extends RuntimeException {

    private final Topology configured;
    private final String evidence;

    TopologyMismatchException(Topology configured, String evidence) {
        super("limitless.topology=" + configured.tag() + ", but the database is Aurora Limitless (" + evidence + "). "
                + (configured == Topology.PROXY ? "AWS documents RDS Proxy as not supported for Aurora PostgreSQL Limitless"
                        + " Database: connect to the cluster writer or reader endpoint (or the shard-group endpoint)"
                        + " with the database postgres_limitless and set limitless.topology=limitless."
                        : "Limitless is reached through its transaction routers: set limitless.topology=limitless (or"
                        + " remove it to have it detected)."));
        this.configured = configured;
        this.evidence = evidence;
    }

    public Topology configured() {
        return configured;
    }

    /** What the database showed, in words. */
    public String evidence() {
        return evidence;
    }
}
