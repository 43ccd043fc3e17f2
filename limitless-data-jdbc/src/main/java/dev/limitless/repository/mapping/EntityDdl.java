package dev.limitless.repository.mapping;

import dev.limitless.catalog.EntityTable;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.ddl.LimitlessDdl;
import dev.limitless.ddl.LimitlessDdl.Style;
import dev.limitless.ddl.LimitlessDdl.Translation;
import dev.limitless.ddl.TypeMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the Limitless DDL of Spring Data JDBC entity classes: each class is read by {@link EntityCatalog} (its
 * {@code @ShardedTable}, {@code @ReferenceTable}, {@code @ShardKey} and Spring Data's mapping annotations) and the
 * script is written and checked by limitless-core's {@link LimitlessDdl#fromEntityTables}.
 */
public final class EntityDdl {

    private EntityDdl() {
    }

    /**
     * The script that creates the tables of annotated entity classes ({@code @ShardedTable}, {@code @ReferenceTable},
     * other classes standard), collocation targets first, checked against every rule.
     *
     * @throws dev.limitless.catalog.CatalogException when the entities' annotations contradict each other
     * @throws dev.limitless.ddl.DdlInputException when a property has a Java type the mapping does not know
     */
    public static Translation fromEntities(String defaultSchema, TypeMapping types, Style style, Class<?>... entities) {
        return fromEntities(ShardCatalog.empty().withDefaultSchema(defaultSchema), types, style, List.of(entities));
    }

    /**
     * As {@link #fromEntities(String, TypeMapping, Style, Class[])}, for entities of which some are described by a
     * catalog instead of annotations (e.g. a catalog file): an unannotated entity whose table {@code declared} defines
     * gets that table's mode, shard key and collocation; the others are standard.
     */
    public static Translation fromEntities(ShardCatalog declared, TypeMapping types, Style style, List<Class<?>> entities) {
        List<EntityTable> tables = new ArrayList<>(entities.size());
        for (Class<?> entity : entities) {
            tables.add(EntityCatalog.describe(entity, declared.defaultSchema()));
        }
        return LimitlessDdl.fromEntityTables(declared, types, style, tables);
    }
}
