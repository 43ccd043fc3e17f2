package dev.limitless.ddl;

/**
 * The rules Aurora PostgreSQL Limitless Database sets for DDL (AWS: "DDL limitations and other information for
 * Aurora PostgreSQL Limitless Database", and "Creating limitless tables by using variables"), each checked
 * statically before anything reaches a database.
 */
public enum Rule {

    PRIMARY_KEY_CONTAINS_SHARD_KEY("primary-key-shard-key", "the primary key of a sharded table must contain every shard-key column"),
    UNIQUE_CONTAINS_SHARD_KEY("unique-shard-key", "unique constraints and unique indexes of a sharded table must contain every shard-key column"),
    REFERENCE_NEEDS_PRIMARY_KEY("reference-primary-key", "a reference table needs a primary key"),
    SHARD_KEY_COLUMNS_EXIST("shard-key-columns", "every shard-key column must be a column of the table"),
    SHARDED_NAME_LENGTH("sharded-name-length", "the name of a sharded table may have at most 54 characters"),
    NO_IDENTITY("no-identity", "IDENTITY columns are not supported on sharded and reference tables"),
    NO_EXCLUDE("no-exclude", "EXCLUDE constraints are not supported on sharded and reference tables"),
    NO_STORAGE_PARAMETERS("no-storage-parameters", "storage parameters (WITH (...)) are not supported on sharded and reference tables"),
    NO_PARTITION_BY("no-partition-by", "PARTITION BY is not supported on sharded and reference tables"),
    SIMPLE_CHECK("simple-check", "CHECK constraints on sharded and reference tables may only compare columns with literals, without functions or arithmetic"),
    NO_UNIQUE_INDEX_CONCURRENTLY("no-unique-index-concurrently", "CREATE UNIQUE INDEX CONCURRENTLY is not supported"),
    FOREIGN_KEY_PAIR("foreign-key-pair", "foreign keys are allowed standard->standard, sharded->sharded, sharded->reference and reference->reference only"),
    FOREIGN_KEY_COLLOCATED("foreign-key-collocated", "a foreign key between sharded tables needs the two tables collocated"),
    FOREIGN_KEY_SHARD_KEY("foreign-key-shard-key", "a foreign key between sharded tables must contain the shard key"),
    COLLOCATION_KEYS("collocation-keys", "collocated tables must have shard-key columns of the same names and types"),
    COLLOCATION_ORDER("collocation-order", "a collocated table must be created after the table it is collocated with"),
    SHARD_KEY_IMMUTABLE("shard-key-immutable", "shard-key columns cannot be dropped or change type"),
    REFERENCE_KEY_KEPT("reference-key-kept", "primary-key columns of a reference table cannot be dropped"),
    ALTER_TABLE_FORM("alter-table-form", "AWS lists these ALTER TABLE forms as unsupported: ALL IN TABLESPACE, ATTACH PARTITION,"
            + " DETACH PARTITION, RENAME CONSTRAINT, SET/RESET storage parameters, and per column ADD GENERATED, DROP EXPRESSION,"
            + " DROP IDENTITY, SET/RESET options, RESTART, SET sequence options, SET COMPRESSION, SET STATISTICS"),
    ALTER_TABLE_ONLY("alter-table-only", "ALTER TABLE ONLY is not supported"),
    ALTER_TYPE_USING("alter-type-using", "ALTER COLUMN ... TYPE ... USING is not supported"),
    FOREIGN_KEY_OPTIONS("foreign-key-options", "foreign keys may not be NOT VALID or MATCH PARTIAL; ON UPDATE CASCADE is not supported"
            + " on sharded and reference tables, ON DELETE/UPDATE SET NULL and SET DEFAULT not on sharded tables"),
    CREATE_TABLE_AS_REFERENCE("create-table-as-reference", "CREATE TABLE AS and SELECT INTO cannot create reference tables"),
    CREATE_SCHEMA_ELEMENTS("create-schema-elements", "CREATE SCHEMA with schema elements (CREATE TABLE, GRANT ... inside it) is not supported"),
    NO_SETVAL("no-setval", "setval() is not supported on Limitless' distributed sequences"),
    NO_CYCLE_SEQUENCE("no-cycle-sequence", "CYCLE sequences are not supported on Limitless"),
    SINGLE_SHARD_OPTIMIZATION("single-shard-optimization", "AWS lists what loses single-shard optimization:"
            + " plan_cache_mode = force_generic_plan, security-barrier views, PL/pgSQL variables, functions that are not"
            + " distributed or not immutable", true),
    SEQUENCE_ORDERING("sequence-ordering", "sequence values are unique but not ordered across sessions on Limitless; order by a timestamp", true);

    private final String id;
    private final String description;
    private final boolean warning;

    Rule(String id, String description) {
        this(id, description, false);
    }

    Rule(String id, String description, boolean warning) {
        this.id = id;
        this.description = description;
        this.warning = warning;
    }

    /** A short stable name used in reports, e.g. {@code primary-key-shard-key}. */
    public String id() {
        return id;
    }

    /** The rule in one sentence. */
    public String description() {
        return description;
    }

    /** Whether breaking it is only a warning (the script still runs, but probably not as intended). */
    public boolean warning() {
        return warning;
    }
}
