package dev.limitless.autoconfigure.catalog;

import dev.limitless.repository.mapping.EntityCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The catalog would be empty, so the guard would let every statement through: the configured entity packages hold no
 * {@code @ShardedTable}/{@code @ReferenceTable} entity, or no catalog source was found at all. Carries the packages
 * scanned and what was found in them, for {@link EmptyCatalogFailureAnalyzer}.
 */
public final class EmptyCatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final String SPRING_DATA_TABLE = "org.springframework.data.relational.core.mapping.Table";
    private static final int NAMED = 5;

    private final transient List<String> scanned;

    private EmptyCatalogException(String message, List<String> scanned) {
        super(message);
        this.scanned = List.copyOf(scanned);
    }

    /** limitless.catalog.entity-packages names packages without any annotated entity. */
    static EmptyCatalogException typo(List<String> configured, List<String> applicationPackages) {
        StringBuilder message = new StringBuilder("limitless.catalog.entity-packages=").append(String.join(",", configured))
                .append(" holds no class annotated @ShardedTable or @ReferenceTable (scanned: ")
                .append(String.join(", ", configured)).append("; found there: ").append(found(configured)).append(").");
        List<String> elsewhere = new ArrayList<>(applicationPackages);
        elsewhere.removeAll(configured);
        if (!elsewhere.isEmpty()) {
            message.append(" The application's packages ").append(String.join(", ", elsewhere)).append(" hold: ")
                    .append(found(elsewhere)).append('.');
        }
        return new EmptyCatalogException(message.toString(), configured);
    }

    /** No annotated entity in the packages scanned, no catalog file, no live catalog. */
    static EmptyCatalogException noSource(List<String> scanned) {
        return new EmptyCatalogException("The limitless shard catalog is empty, so the guard would let every statement"
                + " through: no class annotated @ShardedTable or @ReferenceTable in the packages scanned ("
                + (scanned.isEmpty() ? "none: no @SpringBootApplication package and no limitless.catalog.entity-packages"
                        : String.join(", ", scanned) + "; found there: " + found(scanned))
                + "), no limitless.catalog.file, and limitless.catalog.live=false.", scanned);
    }

    /** The packages that were scanned for annotated entities. */
    public List<String> scanned() {
        return scanned;
    }

    /** What the packages hold: annotated entities, else Spring Data JDBC {@code @Table} classes, else nothing. */
    private static String found(List<String> packages) {
        List<Class<?>> annotated = EntityCatalog.entityClasses(packages.toArray(String[]::new));
        if (!annotated.isEmpty()) {
            return annotated.size() + " annotated entit" + (annotated.size() == 1 ? "y " : "ies ")
                    + names(annotated.stream().map(Class::getName).toList());
        }
        Set<String> tables = springDataTables(packages);
        return tables.isEmpty() ? "no entity classes"
                : tables.size() + " Spring Data @Table class" + (tables.size() == 1 ? " " : "es ") + names(List.copyOf(tables))
                        + " without @ShardedTable/@ReferenceTable";
    }

    @SuppressWarnings("unchecked")
    private static Set<String> springDataTables(List<String> packages) {
        Set<String> names = new TreeSet<>();
        ClassLoader loader = EmptyCatalogException.class.getClassLoader();
        if (!ClassUtils.isPresent(SPRING_DATA_TABLE, loader)) {
            return names;
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter((Class<? extends java.lang.annotation.Annotation>)
                ClassUtils.resolveClassName(SPRING_DATA_TABLE, loader)));
        for (String basePackage : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                names.add(candidate.getBeanClassName());
            }
        }
        return names;
    }

    private static String names(List<String> names) {
        return names.size() <= NAMED ? "(" + String.join(", ", names) + ")"
                : "(" + String.join(", ", names.subList(0, NAMED)) + ", ...)";
    }
}
