package dev.limitless.ddl;

import dev.limitless.sql.internal.SqlTokens;
import dev.limitless.catalog.EntityTable;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import dev.limitless.ddl.TableSpec.ForeignKeySpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Emits Aurora PostgreSQL Limitless DDL: {@code SET LOCAL rds_aurora.limitless_create_table_*} blocks around
 * {@code CREATE TABLE}, foreign keys as {@code ALTER TABLE ... ADD CONSTRAINT} after all tables exist, and
 * conversions of existing tables with {@code CALL rds_aurora.limitless_alter_table_type_*}. Every name that goes
 * into SQL is quoted when PostgreSQL needs it, and every value is a properly escaped literal.
 */
public final class LimitlessDdl {

    /** How table-creation settings are scoped. */
    public enum Style {
        /**
         * {@code BEGIN; SET LOCAL ...; CREATE TABLE ...; COMMIT;} per table, as AWS documents it. For psql, JDBC in
         * auto-commit mode, and Flyway migrations with {@code executeInTransaction=false}.
         */
        TRANSACTION_BLOCKS,
        /**
         * {@code SET LOCAL ...; CREATE TABLE ...;} followed by resetting the settings {@code TO DEFAULT}, without
         * {@code BEGIN}/{@code COMMIT}: for a caller that already runs the script in one transaction, such as a
         * Flyway SQL migration on PostgreSQL.
         */
        INSIDE_TRANSACTION
    }

    static final String MODE = "rds_aurora.limitless_create_table_mode";
    static final String SHARD_KEY = "rds_aurora.limitless_create_table_shard_key";
    static final String COLLOCATE_WITH = "rds_aurora.limitless_create_table_collocate_with";

    private LimitlessDdl() {
    }

    /**
     * The statements that create one table as the catalog defines it: a standard table's statement unchanged, a
     * sharded or reference table's wrapped in its settings. Each statement ends with {@code ;} and a new line.
     *
     * @param createTable one {@code CREATE TABLE} statement without foreign keys (a trailing {@code ;} is allowed)
     * @throws IllegalArgumentException when the text is not exactly one {@code CREATE TABLE} statement
     */
    public static String createTable(TableDefinition table, String createTable, Style style) {
        List<dev.limitless.sql.internal.SqlScript.Statement> statements = dev.limitless.sql.internal.SqlScript.split(createTable).stream()
                .filter(statement -> !statement.commentOnly()).toList();
        List<SqlTokens.Token> tokens = statements.size() == 1 ? SqlTokens.of(statements.get(0).sql()) : List.of();
        if (statements.size() != 1 || statements.get(0).problem() != null || tokens.size() < 2 || !tokens.get(0).is("create")
                || tokens.stream().limit(4).noneMatch(token -> token.is("table"))) {
            throw new IllegalArgumentException("Expected one CREATE TABLE statement for " + table.name() + ", got: " + createTable);
        }
        String statement = statements.get(0).sql();
        if (table.mode() == TableMode.STANDARD) {
            return terminated(statement);
        }
        StringBuilder sql = new StringBuilder();
        if (style == Style.TRANSACTION_BLOCKS) {
            sql.append("BEGIN;\n");
        }
        sql.append("SET LOCAL ").append(MODE).append(" = ").append(literal(table.mode().auroraName())).append(";\n");
        if (table.isSharded()) {
            sql.append("SET LOCAL ").append(SHARD_KEY).append(" = ").append(shardKeyLiteral(table.shardKey())).append(";\n");
            if (table.collocateWith() != null) {
                sql.append("SET LOCAL ").append(COLLOCATE_WITH).append(" = ").append(literal(table.collocateWith().sql())).append(";\n");
            }
        }
        sql.append(terminated(statement));
        if (style == Style.TRANSACTION_BLOCKS) {
            sql.append("COMMIT;\n");
        } else {
            // every rds_aurora.* table setting, whichever this table used: the next table starts from the defaults
            // (a reference table after a collocated one must not see collocate_with, which AWS leaves undefined)
            sql.append("SET LOCAL ").append(MODE).append(" TO DEFAULT;\n");
            sql.append("SET LOCAL ").append(SHARD_KEY).append(" TO DEFAULT;\n");
            sql.append("SET LOCAL ").append(COLLOCATE_WITH).append(" TO DEFAULT;\n");
        }
        return sql.toString();
    }

    /** The shard key as the quoted array literal Aurora expects, e.g. {@code '{"item_id", "item_cat"}'}. */
    public static String shardKeyLiteral(List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A shard key needs at least one column");
        }
        String array = columns.stream()
                .map(column -> '"' + column.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(Collectors.joining(", ", "{", "}"));
        return literal(array);
    }

    /**
     * Converts an existing standard table into the sharded or reference table the catalog defines:
     * {@code CALL rds_aurora.limitless_alter_table_type_sharded('public.orders', ARRAY['account_id'], 'public.accounts');}.
     * The call takes an ACCESS EXCLUSIVE lock and copies the data.
     */
    public static String convert(TableDefinition table) {
        return switch (table.mode()) {
            case SHARDED -> "CALL rds_aurora.limitless_alter_table_type_sharded(" + literal(table.name().sql()) + ", ARRAY["
                    + table.shardKey().stream().map(LimitlessDdl::literal).collect(Collectors.joining(", ")) + "]"
                    + (table.collocateWith() == null ? "" : ", " + literal(table.collocateWith().sql())) + ");\n";
            case REFERENCE -> "CALL rds_aurora.limitless_alter_table_type_reference(" + literal(table.name().sql()) + ");\n";
            case STANDARD -> throw new IllegalArgumentException("Table " + table.name()
                    + " is standard; only sharded and reference tables are converted");
        };
    }

    /** {@code ALTER TABLE table ADD [CONSTRAINT name] FOREIGN KEY (...) REFERENCES ...;} */
    static String addForeignKey(TableName table, ForeignKeySpec foreignKey) {
        return "ALTER TABLE " + table.sql() + " ADD "
                + (foreignKey.constraintName() == null ? "" : "CONSTRAINT " + TableName.quote(foreignKey.constraintName()) + " ")
                + foreignKey.definition() + ";\n";
    }

    /**
     * Translates a plain PostgreSQL schema script into a Limitless-ready one (see {@link SchemaTranslator}).
     *
     * @param sourceName the file name used in locations
     * @throws DdlInputException when the script cannot be read or the catalog names tables the script lacks
     */
    public static Translation translate(String script, String sourceName, ShardCatalog catalog, Style style) {
        return new SchemaTranslator(sourceName, catalog, style).translate(script);
    }

    /**
     * Generates the script that creates the tables of described entities, collocation targets first, and checks it
     * against every rule. The entities are read from classes by a mapping module: limitless-data-jdbc's
     * {@code EntityDdl.fromEntities} for Spring Data JDBC entities.
     *
     * @param declared the catalog that gives an entity whose table is standard its mode, shard key and collocation
     *     (e.g. a catalog file), and the tables that exist already (collocation targets); its default schema is used
     * @throws dev.limitless.catalog.CatalogException when two entities define one table differently
     * @throws DdlInputException when a property has a Java type the mapping does not know
     */
    public static Translation fromEntityTables(ShardCatalog declared, TypeMapping types, Style style, List<EntityTable> entities) {
        return EntityTableDdl.generate(declared, types, style, entities);
    }

    /** The statement with its {@code ;} and a new line; after a trailing line comment the {@code ;} goes on a new line. */
    static String terminated(String statement) {
        List<SqlTokens.Token> tokens = SqlTokens.of(statement);
        int end = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end();
        return statement + (statement.substring(end).contains("--") ? "\n;\n" : ";\n");
    }

    /** A SQL string literal, e.g. {@code 'it''s'}. */
    static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    /**
     * A translated or generated script with the rules it breaks.
     *
     * @param script the Limitless-ready script (complete even when there are violations, for inspection)
     * @param violations errors and warnings, in script order
     */
    public record Translation(String script, List<Violation> violations) {

        public Translation {
            violations = List.copyOf(violations);
        }

        /** Whether any violation is an error (warnings alone leave the script usable). */
        public boolean hasErrors() {
            return violations.stream().anyMatch(violation -> !violation.warning());
        }

        /** The script, or a {@link DdlViolationException} listing every error and warning when there are errors. */
        public String scriptOrThrow() {
            if (hasErrors()) {
                throw new DdlViolationException(violations);
            }
            return script;
        }
    }
}
