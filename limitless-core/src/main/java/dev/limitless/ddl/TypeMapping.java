package dev.limitless.ddl;

import dev.limitless.catalog.EntityTable;
import dev.limitless.catalog.EntityTable.EntityColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Java types to PostgreSQL column types for DDL generated from entities. Immutable: {@link #with} and
 * {@link #withColumn} return a copy with an override, e.g.
 * {@code TypeMapping.defaults().with(BigDecimal.class, "numeric(19, 2)").withColumn(Account.class, "owner", "varchar(200)")}.
 * Enums map to {@code text}.
 */
public final class TypeMapping {

    /** A type name with optional modifiers and array brackets; nothing that could end the statement. */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z_][A-Za-z0-9_ .]*(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?[A-Za-z ]*(\\[\\])*");

    private static final TypeMapping DEFAULTS = new TypeMapping(Map.ofEntries(
            Map.entry(String.class, "text"), Map.entry(Character.class, "char(1)"), Map.entry(char.class, "char(1)"),
            Map.entry(Boolean.class, "boolean"), Map.entry(boolean.class, "boolean"),
            Map.entry(Short.class, "smallint"), Map.entry(short.class, "smallint"), Map.entry(Byte.class, "smallint"), Map.entry(byte.class, "smallint"),
            Map.entry(Integer.class, "integer"), Map.entry(int.class, "integer"),
            Map.entry(Long.class, "bigint"), Map.entry(long.class, "bigint"),
            Map.entry(Float.class, "real"), Map.entry(float.class, "real"),
            Map.entry(Double.class, "double precision"), Map.entry(double.class, "double precision"),
            Map.entry(BigDecimal.class, "numeric"), Map.entry(BigInteger.class, "numeric"),
            Map.entry(UUID.class, "uuid"), Map.entry(byte[].class, "bytea"),
            Map.entry(Instant.class, "timestamp with time zone"), Map.entry(OffsetDateTime.class, "timestamp with time zone"),
            Map.entry(ZonedDateTime.class, "timestamp with time zone"), Map.entry(LocalDateTime.class, "timestamp"),
            Map.entry(LocalDate.class, "date"), Map.entry(LocalTime.class, "time"),
            Map.entry(java.util.Date.class, "timestamp"), Map.entry(java.sql.Timestamp.class, "timestamp"),
            Map.entry(java.sql.Date.class, "date")), Map.of());

    private final Map<Class<?>, String> byType;
    private final Map<String, String> byColumn;

    private TypeMapping(Map<Class<?>, String> byType, Map<String, String> byColumn) {
        this.byType = Map.copyOf(byType);
        this.byColumn = Map.copyOf(byColumn);
    }

    /** The built-in mapping: {@code Long -> bigint}, {@code String -> text}, {@code Instant -> timestamp with time zone} ... */
    public static TypeMapping defaults() {
        return DEFAULTS;
    }

    /** A copy that maps the Java type to the SQL type. */
    public TypeMapping with(Class<?> javaType, String sqlType) {
        Map<Class<?>, String> copy = new HashMap<>(byType);
        copy.put(javaType, validated(sqlType));
        return new TypeMapping(copy, byColumn);
    }

    /** A copy that gives one property of one entity (e.g. {@code "id.accountId"}) its own SQL type. */
    public TypeMapping withColumn(Class<?> entity, String propertyPath, String sqlType) {
        Map<String, String> copy = new HashMap<>(byColumn);
        copy.put(entity.getName() + "#" + propertyPath, validated(sqlType));
        return new TypeMapping(byType, copy);
    }

    /**
     * The SQL type of a column.
     *
     * @throws DdlInputException naming the entity and property when no mapping knows the type
     */
    public String sqlType(EntityTable table, EntityColumn column) {
        String override = byColumn.get(table.type().getName() + "#" + column.propertyPath());
        if (override != null) {
            return override;
        }
        String type = byType.get(column.javaType());
        if (type == null && column.javaType().isEnum()) {
            type = byType.getOrDefault(column.javaType(), "text");
        }
        if (type == null) {
            throw new DdlInputException("No SQL type for " + table.type().getName() + "." + column.propertyPath() + " ("
                    + column.javaType().getName() + "); add one with TypeMapping.with(" + column.javaType().getSimpleName()
                    + ".class, \"...\") or withColumn(...)");
        }
        return type;
    }

    private static String validated(String sqlType) {
        if (sqlType == null || !TYPE.matcher(sqlType.strip()).matches()) {
            throw new IllegalArgumentException("'" + sqlType + "' is not a PostgreSQL type name such as numeric(19, 2) or text[]");
        }
        return sqlType.strip();
    }
}
