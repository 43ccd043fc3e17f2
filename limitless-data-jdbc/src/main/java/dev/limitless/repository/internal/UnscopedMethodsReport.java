package dev.limitless.repository.internal;

import dev.limitless.repository.UnscopedRepositoryMethodsException;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.repository.UnscopedRepositoryMethodsException.UnscopedMethod;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.data.repository.core.RepositoryInformation;

/**
 * The start-up report of unscoped repository methods, shared by the Spring Data JDBC and the Spring Data JPA support:
 * which methods of a repository are checked, how an offending one is named, and when the application fails. Findings
 * of all repositories are collected while the context starts, and {@link #startupFinished()} fails it once with one
 * {@link UnscopedRepositoryMethodsException} listing them all; a lazy repository created after that fails its own
 * creation. Used by the repository post-processors; applications do not call it.
 */
public final class UnscopedMethodsReport {

    private final List<UnscopedMethod> findings = new ArrayList<>();
    private boolean startupFinished;

    /**
     * Records the offending methods of one repository.
     *
     * @throws UnscopedRepositoryMethodsException listing {@code found} when the start-up is over (a lazy repository)
     */
    public void add(List<UnscopedMethod> found) {
        if (found.isEmpty()) {
            return;
        }
        synchronized (findings) {
            if (startupFinished) {
                throw new UnscopedRepositoryMethodsException(found);
            }
            findings.addAll(found);
        }
    }

    /**
     * Ends the start-up (call it from {@code SmartInitializingSingleton.afterSingletonsInstantiated}).
     *
     * @throws UnscopedRepositoryMethodsException listing every method recorded so far, when there are any
     */
    public void startupFinished() {
        List<UnscopedMethod> all;
        synchronized (findings) {
            all = List.copyOf(findings);
            findings.clear();
            startupFinished = true;
        }
        if (!all.isEmpty()) {
            throw new UnscopedRepositoryMethodsException(all);
        }
    }

    /**
     * The methods of a repository to check, sorted by name and signature (so the report reads the same every run):
     * all of them, except default, static and bridge methods, custom fragment methods (the guarded DataSource sees
     * their SQL at run time) and methods {@code allowsScatter} accepts. None when the repository interface itself is
     * accepted.
     */
    public static List<Method> methodsToCheck(RepositoryInformation repository, Predicate<AnnotatedElement> allowsScatter) {
        Class<?> repositoryInterface = repository.getRepositoryInterface();
        if (allowsScatter.test(repositoryInterface)) {
            return List.of();
        }
        Method[] methods = repositoryInterface.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        List<Method> toCheck = new ArrayList<>(methods.length);
        for (Method method : methods) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.isBridge()
                    || repository.isCustomMethod(method) || allowsScatter.test(method)) {
                continue;
            }
            toCheck.add(method);
        }
        return toCheck;
    }

    /** The check of one repository method: the problem, or {@code null} when the method stays in one shard. */
    @FunctionalInterface
    public interface MethodCheck {
        UnscopedMethod check(Method method);
    }

    /**
     * The offending methods of a repository: each of {@link #methodsToCheck} is given to {@code queryMethods} when
     * Spring Data runs it as a query (derived, {@code @Query}, named), else to {@code inheritedMethods}
     * ({@code findAll}, {@code findById}, query by example ...).
     */
    public static List<UnscopedMethod> check(RepositoryInformation repository, Predicate<AnnotatedElement> allowsScatter,
            MethodCheck queryMethods, MethodCheck inheritedMethods) {
        List<UnscopedMethod> found = new ArrayList<>();
        for (Method method : methodsToCheck(repository, allowsScatter)) {
            UnscopedMethod problem = repository.isQueryMethod(method) ? queryMethods.check(method) : inheritedMethods.check(method);
            if (problem != null) {
                found.add(problem);
            }
        }
        return found;
    }

    /**
     * One offending method, named as the report names it: {@code Repository.method(ParameterTypes)}, nested types
     * with a dot.
     */
    public static UnscopedMethod unscoped(Class<?> repository, Method method, String table, String problem, String fix) {
        String parameters = Arrays.stream(method.getGenericParameterTypes()).map(UnscopedMethodsReport::simpleName)
                .collect(Collectors.joining(", "));
        String name = repository.getName().substring(repository.getName().lastIndexOf('.') + 1).replace('$', '.');
        return new UnscopedMethod(name + "." + method.getName() + "(" + parameters + ")", table, problem, fix);
    }

    /**
     * The guard that judges repository queries at start-up, under the policy they will meet at run time: the
     * application's guard when its catalog knows every sharded table of {@code entityTables}; else a guard over its
     * catalog (or {@code catalog} when there is no application guard) plus the tables it lacks, under the application
     * guard's policy when there is one, so that an entity's table is known to be sharded.
     */
    public static ShardScopeGuard queryGuard(ShardScopeGuard applicationGuard, ShardCatalog catalog,
            Collection<TableDefinition> entityTables) {
        if (applicationGuard != null && entityTables.stream().filter(TableDefinition::isSharded)
                .allMatch(table -> applicationGuard.catalog().find(table.name()).isPresent())) {
            return applicationGuard;
        }
        ShardCatalog base = applicationGuard != null ? applicationGuard.catalog() : catalog;
        List<TableDefinition> tables = new ArrayList<>(base.tables());
        for (TableDefinition table : entityTables) {
            if (base.find(table.name()).isEmpty()) {
                tables.add(table);
            }
        }
        ShardScopeGuard.Builder builder = ShardScopeGuard.builder(ShardCatalog.of(base.defaultSchema(), tables));
        if (applicationGuard != null) {
            builder.policy(applicationGuard.policy());
        }
        return builder.build();
    }

    private static String simpleName(Type type) {
        if (type instanceof Class<?> plain) {
            return plain.getSimpleName();
        }
        if (type instanceof ParameterizedType parameterized) {
            return simpleName(parameterized.getRawType());
        }
        return type.getTypeName();
    }
}
