package dev.limitless.repository.mapping;

import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.EntityTable;
import dev.limitless.catalog.EntityTable.EntityColumn;
import dev.limitless.catalog.ReferenceTable;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.ShardKey;
import dev.limitless.catalog.ShardedTable;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.util.ClassUtils;

/**
 * Reads {@link ShardedTable}, {@link ReferenceTable} and {@link ShardKey} from entity classes, the way Spring Data
 * JDBC maps them: table and column names are read from Spring Data JDBC's own mapping ({@link JdbcMappingContext}
 * with its default naming strategy: {@code @Table}'s or {@code @Column}'s name, else the class or field name in
 * snake_case), {@code @Embedded} fields add their prefix, and an {@code @Id} of an entity
 * type (a composite id) contributes its fields. Names given in {@code @Table}/{@code @Column} are kept exactly, as
 * Spring Data quotes them; derived names are lower case. Each definition's source names the class. Names are checked
 * by {@link EntityTable} before any DDL sees them.
 */
public final class EntityCatalog {

    private static final Set<Class<?>> SIMPLE = Set.of(String.class, Character.class, Boolean.class, Byte.class, Short.class,
            Integer.class, Long.class, Float.class, Double.class, BigDecimal.class, BigInteger.class, UUID.class, byte[].class,
            java.util.Date.class);

    private EntityCatalog() {
    }

    /**
     * The catalog of the given entities (classes without {@code @ShardedTable}/{@code @ReferenceTable} are standard).
     *
     * @throws CatalogException for an entity whose annotations contradict each other, or two entities that define
     *     one table differently (naming both classes)
     */
    public static ShardCatalog from(String defaultSchema, Class<?>... entities) {
        List<TableDefinition> definitions = new ArrayList<>();
        for (Class<?> entity : entities) {
            definitions.add(describe(entity, defaultSchema).definition());
        }
        return ShardCatalog.of(defaultSchema, definitions);
    }

    /** The catalog of every class annotated {@code @ShardedTable} or {@code @ReferenceTable} in the packages (and below). */
    public static ShardCatalog scan(String defaultSchema, String... basePackages) {
        return from(defaultSchema, entityClasses(basePackages).toArray(Class<?>[]::new));
    }

    /** The classes annotated {@code @ShardedTable} or {@code @ReferenceTable} in the packages (and below), sorted by name. */
    public static List<Class<?>> entityClasses(String... basePackages) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ShardedTable.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(ReferenceTable.class));
        Set<String> names = new java.util.TreeSet<>();
        for (String basePackage : basePackages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                names.add(candidate.getBeanClassName());
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            try {
                classes.add(ClassUtils.forName(name, EntityCatalog.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new CatalogException("Entity class " + name + " was found but cannot be loaded: " + e.getMessage(), e);
            }
        }
        return classes;
    }

    /**
     * How one entity maps to its table.
     *
     * @throws CatalogException when the annotations contradict each other (both sharded and reference, shard key
     *     given twice, a shard-key column the entity does not map)
     */
    public static EntityTable describe(Class<?> entity, String defaultSchema) {
        String source = "entity " + entity.getName();
        ShardedTable sharded = entity.getAnnotation(ShardedTable.class);
        boolean reference = entity.isAnnotationPresent(ReferenceTable.class);
        if (sharded != null && reference) {
            throw new CatalogException(source + " is annotated both @ShardedTable and @ReferenceTable; keep one");
        }
        JdbcMappingContext mapping = new JdbcMappingContext();
        TableName name = tableName(mapping, entity, defaultSchema, source);
        List<EntityColumn> columns = new ArrayList<>();
        collect(mapping, entity, "", "", false, columns, source, new LinkedHashSet<>());
        if (sharded == null) {
            List<EntityColumn> marked = columns.stream().filter(EntityColumn::shardKey).toList();
            if (!marked.isEmpty()) {
                throw new CatalogException(source + " marks " + marked.get(0).propertyPath() + " with @ShardKey but is not"
                        + " a @ShardedTable; add @ShardedTable or remove @ShardKey");
            }
            return new EntityTable(entity, reference ? TableDefinition.reference(name, source)
                    : TableDefinition.standard(name, source), columns);
        }
        List<String> shardKey = new ArrayList<>();
        if (sharded.shardKey().length > 0) {
            if (columns.stream().anyMatch(EntityColumn::shardKey)) {
                throw new CatalogException(source + " names its shard key both in @ShardedTable(shardKey = ...) and with"
                        + " @ShardKey fields; keep one of the two");
            }
            for (String column : sharded.shardKey()) {
                String stored = identifier(column, source);
                if (columns.stream().noneMatch(c -> c.column().equals(stored))) {
                    throw new CatalogException(source + ": shard-key column " + stored + " is not a column of the entity;"
                            + " its columns are " + columns.stream().map(EntityColumn::column).toList());
                }
                shardKey.add(stored);
            }
            columns.replaceAll(c -> shardKey.contains(c.column())
                    ? new EntityColumn(c.propertyPath(), c.column(), c.javaType(), c.id(), true, c.nullable()) : c);
        } else {
            columns.stream().filter(EntityColumn::shardKey).forEach(c -> shardKey.add(c.column()));
        }
        if (shardKey.isEmpty()) {
            throw new CatalogException(source + " is a @ShardedTable without a shard key; name it in"
                    + " @ShardedTable(shardKey = {\"column\"}) or mark the fields with @ShardKey");
        }
        TableName collocateWith = null;
        if (!sharded.collocateWith().isBlank()) {
            try {
                collocateWith = TableName.parse(sharded.collocateWith(), name.schema());
            } catch (IllegalArgumentException e) {
                throw new CatalogException(source + ": collocateWith: " + e.getMessage());
            }
        }
        return new EntityTable(entity, TableDefinition.sharded(name, shardKey, collocateWith, source), columns);
    }

    /** The table name as Spring Data JDBC's mapping names it ({@code @Table}, else its naming strategy). */
    private static TableName tableName(JdbcMappingContext mapping, Class<?> entity, String defaultSchema, String source) {
        Table table = AnnotatedElementUtils.findMergedAnnotation(entity, Table.class);
        String schema = table == null || table.schema().isEmpty() ? defaultSchema : table.schema();
        return new TableName(schema, persistentEntity(mapping, entity, source).getTableName().getReference());
    }

    private static RelationalPersistentEntity<?> persistentEntity(JdbcMappingContext mapping, Class<?> type, String source) {
        try {
            return mapping.getRequiredPersistentEntity(type);
        } catch (RuntimeException e) {
            throw new CatalogException(source + ": Spring Data JDBC cannot map " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private static void collect(JdbcMappingContext mapping, Class<?> type, String pathPrefix, String columnPrefix, boolean inId,
            List<EntityColumn> columns, String source, Set<Class<?>> visiting) {
        if (!visiting.add(type)) {
            throw new CatalogException(source + ": embedded type " + type.getName() + " contains itself");
        }
        RelationalPersistentEntity<?> persistent = null;
        for (Field field : fields(type)) {
            if (field.isSynthetic() || Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                    || field.isAnnotationPresent(Transient.class)) {
                continue;
            }
            boolean id = inId || field.isAnnotationPresent(Id.class);
            Embedded embedded = AnnotatedElementUtils.findMergedAnnotation(field, Embedded.class);
            Class<?> javaType = columnType(field);
            String path = pathPrefix + field.getName();
            if (embedded != null || field.isAnnotationPresent(Id.class) && javaType == null) {
                collect(mapping, field.getType(), path + ".", columnPrefix + (embedded == null ? "" : embedded.prefix()), id, columns,
                        source, visiting);
                continue;
            }
            if (javaType == null) {
                continue; // collections, maps and references to other aggregates live in their own tables
            }
            if (persistent == null) {
                persistent = persistentEntity(mapping, type, source);
            }
            RelationalPersistentProperty property = persistent.getPersistentProperty(field.getName());
            if (property == null) {
                continue; // not mapped by Spring Data (e.g. a field its access rules leave out)
            }
            // the column as Spring Data JDBC names it: @Column, else its naming strategy
            String name = property.getColumnName().getReference();
            columns.add(new EntityColumn(path, columnPrefix + name, javaType, id, field.isAnnotationPresent(ShardKey.class),
                    !javaType.isPrimitive()));
        }
        visiting.remove(type);
    }

    /** The Java type stored in the column, or null when the field is not a single column. */
    private static Class<?> columnType(Field field) {
        Class<?> type = field.getType();
        if (type.isPrimitive() || type.isEnum() || SIMPLE.contains(type) || type.getName().startsWith("java.time.")
                || type.getName().startsWith("java.sql.")) {
            return type;
        }
        if (type.getName().equals("org.springframework.data.jdbc.core.mapping.AggregateReference")
                && field.getGenericType() instanceof ParameterizedType parameterized) {
            Type idType = parameterized.getActualTypeArguments()[1];
            return idType instanceof Class<?> idClass ? idClass : null;
        }
        return null;
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        if (type.getSuperclass() != null && type.getSuperclass() != Object.class && type.getSuperclass() != Record.class) {
            fields.addAll(fields(type.getSuperclass()));
        }
        fields.addAll(Arrays.asList(type.getDeclaredFields()));
        return fields;
    }

    private static String identifier(String text, String source) {
        try {
            return TableName.identifier(text);
        } catch (IllegalArgumentException e) {
            throw new CatalogException(source + ": " + e.getMessage());
        }
    }
}
