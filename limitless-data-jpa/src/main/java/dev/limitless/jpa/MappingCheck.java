package dev.limitless.jpa;

import dev.limitless.catalog.TableMode;
import dev.limitless.jpa.LimitlessMappingException.MappingProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hibernate.generator.Generator;
import org.hibernate.id.IdentityGenerator;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.EntityValuedModelPart;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The start-up check of Hibernate's mapping against Limitless: no IDENTITY generation (Limitless tables have no
 * IDENTITY columns); no schema export by Hibernate ({@code hibernate.hbm2ddl.auto}, Spring's
 * {@code spring.jpa.hibernate.ddl-auto}), whose DDL knows nothing of sharded tables; every shard-key column of a
 * sharded entity in its id or marked {@code @PartitionKey}, so that Hibernate's UPDATE and DELETE name it; and every
 * association to a sharded entity found by columns that contain the target's shard key (else a lazy load or a fetch
 * join reads every shard).
 */
final class MappingCheck {

    private static final Set<String> EXPORTING = Set.of("create", "create-drop", "create-only", "drop", "update");

    private final JpaEntities entities;

    MappingCheck(JpaEntities entities) {
        this.entities = entities;
    }

    /** Hibernate's (or JPA's) schema export in the persistence unit's properties, which Limitless cannot take. */
    static List<MappingProblem> schemaExport(java.util.Map<String, ?> properties) {
        List<MappingProblem> problems = new ArrayList<>();
        for (String setting : List.of("hibernate.hbm2ddl.auto", "jakarta.persistence.schema-generation.database.action")) {
            Object export = properties.get(setting);
            if (export != null && EXPORTING.contains(export.toString().trim().toLowerCase(Locale.ROOT).replace("drop-and-create", "create"))) {
                problems.add(new MappingProblem(setting + "=" + export, "Hibernate's schema export creates plain"
                        + " PostgreSQL tables (no shard key, no reference mode, IDENTITY and constraints Limitless refuses)",
                        "set spring.jpa.hibernate.ddl-auto=none (or validate) and create the schema with limitless.ddl or the"
                        + " Limitless Flyway support; print the DDL of the entities with LimitlessDdl (docs/jpa.md)"));
            }
        }
        return problems;
    }

    List<MappingProblem> problems() {
        List<MappingProblem> problems = new ArrayList<>(entities.namingProblems());
        problems.addAll(schemaExport(entities.sessionFactory().getProperties()));
        for (EntityPersister persister : entities.persisters()) {
            if (persister.getMappedClass() == null || persister.getMappedClass() == java.util.Map.class) {
                continue;
            }
            JpaEntity entity = entities.describe(persister);
            String name = persister.getMappedClass().getSimpleName();
            Generator generator = persister.getGenerator();
            if (generator instanceof IdentityGenerator) {
                problems.add(new MappingProblem(name + "." + persister.getIdentifierPropertyName(),
                        "@GeneratedValue(strategy = IDENTITY) needs an IDENTITY (or serial) column, which Aurora Limitless"
                        + " tables do not have", "use @GeneratedValue(strategy = SEQUENCE) with a @SequenceGenerator"
                        + " (Limitless sequences are distributed: values are unique, not ordered; order by a timestamp),"
                        + " or assign ids in the application (UUIDs, or the shard key plus a local number)"));
            }
            if (entity.isSharded()) {
                for (JpaEntity.ShardKeyAttribute attribute : entity.shardKeyAttributes()) {
                    if (!attribute.partitioned()) {
                        problems.add(new MappingProblem(name + "." + attribute.name(), "shard-key column " + attribute.column()
                                + " is neither part of the id nor a @PartitionKey, so Hibernate's UPDATE and DELETE of "
                                + entity.table() + " (WHERE id = ?) reach every shard", "annotate " + attribute.name()
                                + " with @org.hibernate.annotations.PartitionKey (Hibernate then adds it to UPDATE and"
                                + " DELETE) and the entity with @DynamicUpdate, or make the shard key part of the id"
                                + " (@EmbeddedId or @IdClass)"));
                    } else if (!attribute.readOnly() && !persister.isDynamicUpdate()) {
                        problems.add(new MappingProblem(name + "." + attribute.name(), "Hibernate's UPDATE of " + entity.table()
                                + " assigns every column, shard-key column " + attribute.column() + " included (SET "
                                + attribute.column() + " = ?), which Aurora Limitless refuses even for the same value",
                                "annotate " + name + " with @org.hibernate.annotations.DynamicUpdate (UPDATE assigns only"
                                + " changed columns, and a changed shard key is refused at flush), or map " + attribute.name()
                                + " with @Column(updatable = false)"));
                    }
                }
            }
            for (int i = 0; i < persister.getNumberOfAttributeMappings(); i++) {
                association(name, persister.getAttributeMapping(i), problems);
            }
        }
        return problems;
    }

    private void association(String owner, AttributeMapping attribute, List<MappingProblem> problems) {
        ModelPart lookUpSide;
        Class<?> targetType;
        if (attribute instanceof ToOneAttributeMapping toOne) {
            targetType = toOne.getAssociatedEntityMappingType().getMappedJavaType().getJavaTypeClass();
            // the target's rows are found by the target side of the foreign key (usually its id)
            lookUpSide = toOne.getForeignKeyDescriptor().getSide(toOne.getSideNature().inverse()).getModelPart();
        } else if (attribute instanceof PluralAttributeMapping plural
                && plural.getElementDescriptor() instanceof EntityValuedModelPart element) {
            targetType = element.getEntityMappingType().getMappedJavaType().getJavaTypeClass();
            // the elements are found by the collection key, in the element's (or the join) table
            lookUpSide = plural.getKeyDescriptor().getKeyPart();
        } else {
            return;
        }
        if (!entities.isEntity(targetType)) {
            return;
        }
        JpaEntity target = entities.describe(targetType);
        if (target.mode() != TableMode.SHARDED) {
            return;
        }
        Set<String> columns = new LinkedHashSet<>();
        lookUpSide.forEachSelectable((index, selectable) -> columns.add(JpaEntities.unquote(selectable.getSelectionExpression())));
        if (!columns.containsAll(target.shardKey())) {
            problems.add(new MappingProblem(owner + "." + attribute.getAttributeName(), "loads " + targetType.getSimpleName()
                    + " (sharded " + target.table() + ") by " + columns + ", which lacks its shard key " + target.shardKeyText()
                    + ", so a lazy load or a fetch join reads every shard", "make the shard key part of "
                    + targetType.getSimpleName() + "'s id (@EmbeddedId/@IdClass) and join on the full id"
                    + " (@JoinColumns with the shard-key column), or drop the association and query by the shard key"));
        }
    }
}
