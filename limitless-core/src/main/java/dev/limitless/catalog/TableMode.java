package dev.limitless.catalog;

import java.util.Locale;

/** How Aurora Limitless stores a table. */
public enum TableMode {
    /** Distributed over the shards by a hash of its shard key. */
    SHARDED,
    /** Copied to every shard; joins with sharded tables stay local. */
    REFERENCE,
    /** Stored on one shard, like a table of a plain PostgreSQL database. */
    STANDARD;

    /** The lower-case name Aurora uses ({@code rds_aurora.limitless_create_table_mode}, {@code table_type}). */
    public String auroraName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code sharded}, {@code reference} or {@code standard}, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TableMode parse(String value) {
        if (value != null) {
            for (TableMode mode : values()) {
                if (mode.name().equalsIgnoreCase(value.strip())) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("Unknown table mode '" + value + "'; use sharded, reference or standard");
    }
}
