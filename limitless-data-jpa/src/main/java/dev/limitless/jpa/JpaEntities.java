package dev.limitless.jpa;

import dev.limitless.catalog.CatalogException;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.ShardedTable;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.EmbeddableValuedModelPart;
import org.hibernate.metamodel.mapping.EntityIdentifierMapping;
import org.hibernate.metamodel.mapping.NonAggregatedIdentifierMapping;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Describes entities through Hibernate's own mapping (its table and column names after the naming strategies), with
 * the mode and shard key of their table from the application's {@link ShardCatalog}. Descriptions are cached per
 * entity class.
 */
final class JpaEntities {

    private final SessionFactoryImplementor sessionFactory;
    private final ShardCatalog catalog;
    private final Map<Class<?>, JpaEntity> cache = new ConcurrentHashMap<>();

    JpaEntities(SessionFactoryImplementor sessionFactory, ShardCatalog catalog) {
        this.sessionFactory = sessionFactory;
        this.catalog = withAnnotatedEntities(sessionFactory, catalog);
    }

    /**
     * The catalog plus the annotated entities whose tables it does not know (an application without the starter's
     * catalog); an annotated entity whose annotation-read table differs from Hibernate's is reported by
     * {@link #namingProblems()}.
     */
    private static ShardCatalog withAnnotatedEntities(SessionFactoryImplementor sessionFactory, ShardCatalog catalog) {
        List<TableDefinition> tables = new ArrayList<>(catalog.tables());
        sessionFactory.getMappingMetamodel().forEachEntityDescriptor(persister -> {
            Class<?> type = persister.getMappedClass();
            if (type != null && annotated(type)) {
                TableDefinition definition = JpaEntityCatalog.describe(type, catalog.defaultSchema());
                if (catalog.find(definition.name()).isEmpty() && tables.stream().noneMatch(t -> t.name().equals(definition.name()))) {
                    tables.add(definition);
                }
            }
        });
        return tables.size() == catalog.tables().size() ? catalog : ShardCatalog.of(catalog.defaultSchema(), tables);
    }

    private static boolean annotated(Class<?> type) {
        return type.isAnnotationPresent(ShardedTable.class) || type.isAnnotationPresent(dev.limitless.catalog.ReferenceTable.class);
    }

    SessionFactoryImplementor sessionFactory() {
        return sessionFactory;
    }

    ShardCatalog catalog() {
        return catalog;
    }

    /** Every entity Hibernate maps, in entity-name order. */
    List<EntityPersister> persisters() {
        List<EntityPersister> persisters = new ArrayList<>();
        sessionFactory.getMappingMetamodel().forEachEntityDescriptor(persisters::add);
        persisters.sort(java.util.Comparator.comparing(EntityPersister::getEntityName));
        return persisters;
    }

    /** Whether Hibernate maps the class as an entity. */
    boolean isEntity(Class<?> type) {
        return sessionFactory.getMappingMetamodel().findEntityDescriptor(type) != null;
    }

    JpaEntity describe(Class<?> type) {
        JpaEntity known = cache.get(type);
        return known != null ? known : cache.computeIfAbsent(type, this::build);
    }

    JpaEntity describe(EntityPersister persister) {
        return describe(persister.getMappedClass());
    }

    private JpaEntity build(Class<?> type) {
        EntityPersister persister = sessionFactory.getMappingMetamodel().getEntityDescriptor(type);
        TableName table = tableOf(persister);
        Set<String> idColumns = new LinkedHashSet<>();
        persister.getIdentifierMapping().forEachSelectable((index, selectable) -> idColumns.add(unquote(selectable.getSelectionExpression())));
        Optional<TableDefinition> cataloged = catalog.find(table);
        TableMode mode = cataloged.map(TableDefinition::mode).orElse(TableMode.STANDARD);
        if (mode != TableMode.SHARDED) {
            return new JpaEntity(type, persister.getEntityName(), table, mode, List.of(), idColumns, List.of());
        }
        List<String> shardKey = cataloged.get().shardKey();
        Set<String> mapped = new LinkedHashSet<>(idColumns);
        List<JpaEntity.ShardKeyAttribute> attributes = new ArrayList<>();
        for (int i = 0; i < persister.getNumberOfAttributeMappings(); i++) {
            AttributeMapping attribute = persister.getAttributeMapping(i);
            int index = attribute.getStateArrayPosition();
            if (attribute.isPluralAttributeMapping()) {
                continue; // collections live in other tables
            }
            attribute.forEachSelectable((position, selectable) -> {
                String column = unquote(selectable.getSelectionExpression());
                if (selectable.isFormula()) {
                    return;
                }
                mapped.add(column);
                if (shardKey.contains(column) && !idColumns.contains(column)) {
                    attributes.add(new JpaEntity.ShardKeyAttribute(attribute.getAttributeName(), index, column,
                            selectable.isPartitioned(), attribute.isEntityIdentifierMapping() || !selectable.isUpdateable()));
                }
            });
        }
        for (String column : shardKey) {
            if (!mapped.contains(column)) {
                throw new CatalogException("Entity " + type.getName() + " (table " + table + ", " + cataloged.get().source()
                        + ") has shard-key column " + column + ", but Hibernate maps no such column; it maps " + mapped
                        + ". Map the shard key as an attribute (or part of the id), fix @Column/@Table names, or fix the"
                        + " shard key");
            }
        }
        return new JpaEntity(type, persister.getEntityName(), table, mode, shardKey, idColumns, attributes);
    }

    /** The attribute paths that hold the shard key in key order, as derived queries name them ({@code id.accountId}). */
    List<String> shardKeyPaths(JpaEntity entity) {
        EntityPersister persister = sessionFactory.getMappingMetamodel().getEntityDescriptor(entity.type());
        Map<String, String> paths = new java.util.HashMap<>();
        EntityIdentifierMapping id = persister.getIdentifierMapping();
        if (id instanceof EmbeddableValuedModelPart composite) {
            String prefix = id instanceof NonAggregatedIdentifierMapping ? "" : persister.getIdentifierPropertyName() + ".";
            composite.getEmbeddableTypeDescriptor().forEachAttributeMapping(attribute -> attribute.forEachSelectable(
                    (index, selectable) -> paths.put(unquote(selectable.getSelectionExpression()), prefix + attribute.getAttributeName())));
        } else {
            id.forEachSelectable((index, selectable) -> paths.put(unquote(selectable.getSelectionExpression()),
                    persister.getIdentifierPropertyName()));
        }
        entity.shardKeyAttributes().forEach(attribute -> paths.putIfAbsent(attribute.column(), attribute.name()));
        return entity.shardKey().stream().map(column -> paths.getOrDefault(column, column)).toList();
    }

    /**
     * Annotated entities whose table, as Hibernate names it, the catalog does not know: the catalog was read from the
     * annotations with Spring Boot's default naming and Hibernate was configured to name the table differently.
     */
    List<LimitlessMappingException.MappingProblem> namingProblems() {
        List<LimitlessMappingException.MappingProblem> problems = new ArrayList<>();
        for (EntityPersister persister : persisters()) {
            Class<?> type = persister.getMappedClass();
            if (type == null || !annotated(type)) {
                continue;
            }
            TableName table = tableOf(persister);
            if (catalog.find(table).isEmpty()) {
                problems.add(new LimitlessMappingException.MappingProblem(type.getSimpleName(), "annotated as a "
                        + (type.isAnnotationPresent(ShardedTable.class) ? "sharded" : "reference") + " table, but Hibernate"
                        + " maps it to " + table + ", which the Limitless catalog does not know (it knows "
                        + catalog.tables().stream().map(TableDefinition::name).toList() + ")", "name the table with"
                        + " @Table(name = \"...\") in lower snake_case so that both read the same name, or add the entity's"
                        + " package to limitless.catalog.entity-packages"));
            }
        }
        return problems;
    }

    private TableName tableOf(EntityPersister persister) {
        String name = unquote(((AbstractEntityPersister) persister).getTableName());
        int dot = name.lastIndexOf('.');
        return dot < 0 ? new TableName(catalog.defaultSchema(), name)
                : new TableName(name.substring(0, dot), name.substring(dot + 1));
    }

    static String unquote(String identifier) {
        return identifier.replace("\"", "").replace("`", "");
    }
}
