package dev.limitless.sqs;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The table that makes every message written at most once: one row per (shard key, idempotency key), inserted with
 * {@code ON CONFLICT DO NOTHING} in the same transaction as the group's own writes. It is sharded by the same key as
 * the tables the messages are written to and collocated with them, so the row lands on the group's shard and the
 * transaction stays there; its primary key contains the shard key, as Limitless requires of every unique constraint.
 *
 * @param table the table name, optionally schema-qualified (plain identifiers only)
 * @param shardKeyColumn the shard-key column (same name and type as the collocated tables' key)
 * @param idempotencyKeyColumn the column holding the message id or payload key ({@code text})
 */
public record DeduplicationTable(String table, String shardKeyColumn, String idempotencyKeyColumn) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");

    public DeduplicationTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(shardKeyColumn, "shardKeyColumn");
        Objects.requireNonNull(idempotencyKeyColumn, "idempotencyKeyColumn");
        String[] parts = table.split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("Deduplication table '" + table + "' must be table or schema.table.");
        }
        for (String part : parts) {
            requireIdentifier("deduplication table", part);
        }
        requireIdentifier("shard-key column", shardKeyColumn);
        requireIdentifier("idempotency-key column", idempotencyKeyColumn);
    }

    /** {@code table(account_id, message_key)}: the column names the DDL of {@link #limitlessDdl} uses. */
    public static DeduplicationTable of(String table, String shardKeyColumn) {
        return new DeduplicationTable(table, shardKeyColumn, "message_key");
    }

    /** The claim: inserts the row, or nothing when the message was written before (update count 0). */
    public String insertSql() {
        return "INSERT INTO " + table + " (" + shardKeyColumn + ", " + idempotencyKeyColumn + ") VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING";
    }

    /**
     * Limitless DDL creating the table, sharded by {@link #shardKeyColumn} and collocated with
     * {@code collocateWith}: run it as a migration (without the BEGIN/COMMIT in a Flyway migration, which runs in a
     * transaction of its own).
     *
     * @param shardKeyType the SQL type of the shard key, identical to the collocated table's (e.g. {@code uuid})
     * @param collocateWith the sharded table the messages are written to, or {@code null}
     */
    public String limitlessDdl(String shardKeyType, String collocateWith) {
        if (shardKeyType == null || !shardKeyType.matches("[A-Za-z][A-Za-z0-9_ (),]*")) {
            throw new IllegalArgumentException("Give the shard key's SQL type, e.g. uuid or bigint, was " + shardKeyType);
        }
        StringBuilder ddl = new StringBuilder("BEGIN;\n")
                .append("SET LOCAL rds_aurora.limitless_create_table_mode = 'sharded';\n")
                .append("SET LOCAL rds_aurora.limitless_create_table_shard_key = '{\"").append(shardKeyColumn)
                .append("\"}';\n");
        if (collocateWith != null) {
            for (String part : collocateWith.split("\\.", -1)) {
                requireIdentifier("collocated table", part);
            }
            ddl.append("SET LOCAL rds_aurora.limitless_create_table_collocate_with = '").append(collocateWith)
                    .append("';\n");
        }
        return ddl.append("CREATE TABLE ").append(table).append(" (\n")
                .append("    ").append(shardKeyColumn).append(' ').append(shardKeyType).append(" NOT NULL,\n")
                .append("    ").append(idempotencyKeyColumn).append(" text NOT NULL,\n")
                .append("    processed_at timestamptz NOT NULL DEFAULT now(),\n")
                .append("    PRIMARY KEY (").append(shardKeyColumn).append(", ").append(idempotencyKeyColumn)
                .append(")\n);\nCOMMIT;\n").toString();
    }

    private static void requireIdentifier(String what, String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("The " + what + " name '" + name + "' is not a plain lower-case SQL"
                    + " identifier (letters, digits, _ and $, starting with a letter or _); quoted names are not"
                    + " supported here.");
        }
    }
}
