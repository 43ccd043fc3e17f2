package dev.limitless.jpa;

import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.ReferenceTable;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.ShardKey;
import dev.limitless.catalog.ShardedTable;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.repository.mapping.EntityCatalog;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@link ShardedTable}, {@link ReferenceTable} and {@link ShardKey} from JPA entities ({@link Entity}) the way
 * Spring Boot's Hibernate names them by default ({@code CamelCaseToUnderscoresNamingStrategy}): the table is
 * {@code @Table(name)} or the entity name, columns are {@code @Column(name)} or the field name, both in lower
 * snake_case; {@code @EmbeddedId} and {@code @Embedded} fields contribute their fields, {@code @JoinColumn(name)} (or
 * {@code field_id}) names a to-one reference. Classes without {@code @Entity} are read by {@link EntityCatalog} (Spring
 * Data JDBC naming), so one scan serves an application with both. The catalog is read from the classes, without
 * Hibernate, because the guarded DataSource (which Hibernate needs) needs the catalog first; once Hibernate is up,
 * {@link JpaEntities} compares it with Hibernate's own mapping and stops start-up on any difference.
 */
public final class JpaEntityCatalog {

    private JpaEntityCatalog() {
    }

    /** The catalog of every {@code @ShardedTable}/{@code @ReferenceTable} class in the packages (and below). */
    public static ShardCatalog scan(String defaultSchema, String... basePackages) {
        List<TableDefinition> definitions = new ArrayList<>();
        for (Class<?> type : EntityCatalog.entityClasses(basePackages)) {
            definitions.add(describe(type, defaultSchema));
        }
        return ShardCatalog.of(defaultSchema, definitions);
    }

    /**
     * The table definition of one class: JPA naming for {@code @Entity} classes, Spring Data JDBC naming otherwise.
     *
     * @throws CatalogException when the annotations contradict each other or name a column the entity does not map
     */
    public static TableDefinition describe(Class<?> type, String defaultSchema) {
        if (!type.isAnnotationPresent(Entity.class)) {
            return EntityCatalog.describe(type, defaultSchema).definition();
        }
        String source = "entity " + type.getName();
        ShardedTable sharded = type.getAnnotation(ShardedTable.class);
        boolean reference = type.isAnnotationPresent(ReferenceTable.class);
        if (sharded != null && reference) {
            throw new CatalogException(source + " is annotated both @ShardedTable and @ReferenceTable; keep one");
        }
        TableName table = tableName(type, defaultSchema);
        List<Mapped> columns = new ArrayList<>();
        collect(type, "", columns);
        List<String> marked = columns.stream().filter(Mapped::shardKey).map(Mapped::column).toList();
        if (sharded == null) {
            if (!marked.isEmpty()) {
                throw new CatalogException(source + " marks column " + marked.get(0) + " with @ShardKey but is not a"
                        + " @ShardedTable; add @ShardedTable or remove @ShardKey");
            }
            return reference ? TableDefinition.reference(table, source) : TableDefinition.standard(table, source);
        }
        List<String> shardKey = new ArrayList<>();
        if (sharded.shardKey().length > 0) {
            if (!marked.isEmpty()) {
                throw new CatalogException(source + " names its shard key both in @ShardedTable(shardKey = ...) and with"
                        + " @ShardKey fields; keep one of the two");
            }
            for (String column : sharded.shardKey()) {
                String stored = TableName.identifier(column);
                if (columns.stream().noneMatch(c -> c.column().equals(stored))) {
                    throw new CatalogException(source + ": shard-key column " + stored + " is not a column of the entity;"
                            + " its columns are " + columns.stream().map(Mapped::column).toList());
                }
                shardKey.add(stored);
            }
        } else {
            shardKey.addAll(marked);
        }
        if (shardKey.isEmpty()) {
            throw new CatalogException(source + " is a @ShardedTable without a shard key; name it in"
                    + " @ShardedTable(shardKey = {\"column\"}) or mark the fields with @ShardKey");
        }
        TableName collocateWith = sharded.collocateWith().isBlank() ? null : TableName.parse(sharded.collocateWith(), table.schema());
        return TableDefinition.sharded(table, shardKey, collocateWith, source);
    }

    private static TableName tableName(Class<?> type, String defaultSchema) {
        Table table = type.getAnnotation(Table.class);
        Entity entity = type.getAnnotation(Entity.class);
        String name = table != null && !table.name().isEmpty() ? table.name()
                : !entity.name().isEmpty() ? entity.name() : type.getSimpleName();
        String schema = table != null && !table.schema().isEmpty() ? physical(table.schema()) : defaultSchema;
        return new TableName(schema, physical(name));
    }

    /** Spring Boot's physical naming: camelCase to snake_case, lower case; a quoted name is kept as written. */
    static String physical(String name) {
        if (name.length() > 1 && (name.startsWith("\"") && name.endsWith("\"") || name.startsWith("`") && name.endsWith("`"))) {
            return name.substring(1, name.length() - 1);
        }
        StringBuilder text = new StringBuilder(name.replace('.', '_'));
        for (int i = 1; i < text.length() - 1; i++) {
            if (Character.isLowerCase(text.charAt(i - 1)) && Character.isUpperCase(text.charAt(i))
                    && Character.isLowerCase(text.charAt(i + 1))) {
                text.insert(i++, '_');
            }
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static void collect(Class<?> type, String prefix, List<Mapped> columns) {
        for (Field field : fields(type)) {
            if (field.isSynthetic() || Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                    || field.isAnnotationPresent(Transient.class)) {
                continue;
            }
            boolean shardKey = field.isAnnotationPresent(ShardKey.class);
            if (field.isAnnotationPresent(EmbeddedId.class) || field.isAnnotationPresent(Embedded.class)
                    || field.getType().isAnnotationPresent(jakarta.persistence.Embeddable.class) && !field.isAnnotationPresent(Id.class)) {
                collect(field.getType(), prefix + field.getName() + ".", columns);
                continue;
            }
            if (field.isAnnotationPresent(ManyToOne.class) || field.isAnnotationPresent(OneToOne.class)) {
                JoinColumn join = field.getAnnotation(JoinColumn.class);
                String column = join != null && !join.name().isEmpty() ? join.name() : field.getName() + "_id";
                columns.add(new Mapped(prefix + field.getName(), physical(column), shardKey));
                continue;
            }
            if (java.util.Collection.class.isAssignableFrom(field.getType()) || java.util.Map.class.isAssignableFrom(field.getType())) {
                continue;
            }
            Column column = field.getAnnotation(Column.class);
            String name = column != null && !column.name().isEmpty() ? column.name() : field.getName();
            columns.add(new Mapped(prefix + field.getName(), physical(name), shardKey));
        }
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        Class<?> superclass = type.getSuperclass();
        if (superclass != null && superclass != Object.class && superclass != Record.class
                && superclass.isAnnotationPresent(jakarta.persistence.MappedSuperclass.class)) {
            fields.addAll(fields(superclass));
        }
        fields.addAll(Arrays.asList(type.getDeclaredFields()));
        return fields;
    }

    private record Mapped(String propertyPath, String column, boolean shardKey) {
    }
}
