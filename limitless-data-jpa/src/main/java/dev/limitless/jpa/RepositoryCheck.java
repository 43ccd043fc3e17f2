package dev.limitless.jpa;

import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.guard.Verdict;
import dev.limitless.repository.internal.UnscopedMethodsReport;
import dev.limitless.repository.UnscopedRepositoryMethodsException.UnscopedMethod;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hibernate.query.named.NamedObjectRepository;
import org.hibernate.query.sqm.spi.NamedSqmQueryMemento;
import org.hibernate.query.sql.spi.NamedNativeQueryMemento;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.provider.PersistenceProvider;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.query.EscapeCharacter;
import org.springframework.data.jpa.repository.query.JpaQueryCreator;
import org.springframework.data.jpa.repository.query.JpaQueryMethod;
import org.springframework.data.jpa.repository.query.ParameterMetadataProvider;
import org.springframework.data.jpa.repository.support.JpqlQueryTemplates;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.query.parser.PartTree;

/**
 * Checks every method of one Spring Data JPA repository before the application serves requests. Query methods are
 * rendered to SQL by Hibernate ({@link HibernateSql}): derived queries through Spring Data JPA's own JPQL creator,
 * {@code @Query} (JPQL or native) and named queries as declared; the SQL is judged by the guard against the catalog,
 * under the policy it meets at run time. Inherited {@code findAll}/{@code count}/{@code deleteAll} and query by
 * example read every shard; id-based methods need an id that contains the shard key. Methods (or repositories) with
 * {@code @AllowScatter}, reference and standard entities, and custom fragment methods (the guarded DataSource sees
 * their SQL at run time) are not restricted.
 */
final class RepositoryCheck {

    /** Inherited methods that only ever touch the rows of the ids or entities they are given. */
    private static final Set<String> BY_ID = Set.of("findById", "existsById", "deleteById", "findAllById", "deleteAllById",
            "deleteAllByIdInBatch", "getReferenceById", "getById", "getOne");

    /** Inherited writes of given entities: persist or merge, the id-based UPDATE/DELETE carries the shard key. */
    private static final Set<String> BY_ENTITY = Set.of("save", "saveAll", "saveAndFlush", "saveAllAndFlush", "delete",
            "deleteAll", "deleteAllInBatch", "flush");

    /** A JPA named or positional parameter left in native SQL: {@code :name}, {@code ?1}; not a {@code ::} cast. */
    private static final Pattern NATIVE_PARAMETER = Pattern.compile("(?<![:\\w]):[A-Za-z_][\\w]*|\\?\\d+");

    private final JpaEntities entities;
    private final HibernateSql sql;
    private final ShardScopeGuard guard;
    private final Predicate<AnnotatedElement> allowsScatter;

    RepositoryCheck(JpaEntities entities, ShardScopeGuard applicationGuard, Predicate<AnnotatedElement> allowsScatter) {
        this.entities = entities;
        this.sql = new HibernateSql(entities.sessionFactory());
        this.guard = UnscopedMethodsReport.queryGuard(applicationGuard, entities.catalog(), entities.catalog().tables());
        this.allowsScatter = allowsScatter;
    }

    List<UnscopedMethod> check(RepositoryInformation repository) {
        Class<?> repositoryInterface = repository.getRepositoryInterface();
        if (!entities.isEntity(repository.getDomainType())) {
            return List.of();
        }
        JpaEntity entity = entities.describe(repository.getDomainType());
        if (!entity.isSharded()) {
            return List.of();
        }
        return UnscopedMethodsReport.check(repository, allowsScatter,
                method -> checkQueryMethod(repository, method, entity),
                method -> checkInheritedMethod(repositoryInterface, method, entity));
    }

    private UnscopedMethod checkQueryMethod(RepositoryInformation repository, Method method, JpaEntity entity) {
        Class<?> repositoryInterface = repository.getRepositoryInterface();
        if (AnnotatedElementUtils.hasAnnotation(method, org.springframework.data.jpa.repository.query.Procedure.class)) {
            return null; // a stored procedure call: its statements are the procedure's own
        }
        boolean modifying = AnnotatedElementUtils.hasAnnotation(method, Modifying.class);
        Query declared = AnnotatedElementUtils.findMergedAnnotation(method, Query.class);
        JpaQueryMethod queryMethod = new JpaQueryMethod(method, repository, new SpelAwareProxyProjectionFactory(),
                PersistenceProvider.HIBERNATE);
        String what;
        String rendered;
        try {
            if (declared != null && !declared.value().isEmpty()) {
                what = declared.nativeQuery() ? "native @Query" : "@Query";
                rendered = declared.nativeQuery() ? nativeSql(declared.value(), modifying) : sql.render(declared.value(), false, modifying);
            } else if (named(declared != null && !declared.name().isEmpty() ? declared.name() : queryMethod.getNamedQueryName()) != null) {
                Object memento = named(declared != null && !declared.name().isEmpty() ? declared.name() : queryMethod.getNamedQueryName());
                if (memento instanceof NamedSqmQueryMemento<?> jpql) {
                    what = "named query " + jpql.getRegistrationName();
                    rendered = sql.render(jpql.getHqlString(), false, modifying);
                } else {
                    NamedNativeQueryMemento<?> nativeQuery = (NamedNativeQueryMemento<?>) memento;
                    what = "named native query " + nativeQuery.getRegistrationName();
                    rendered = nativeSql(nativeQuery.getSqlString(), modifying);
                }
            } else {
                what = "derived query";
                PartTree tree = new PartTree(method.getName(), entity.type());
                ParameterMetadataProvider parameters = new ParameterMetadataProvider(queryMethod.getParameters(),
                        EscapeCharacter.DEFAULT, JpqlQueryTemplates.UPPER);
                JpaQueryCreator creator = new JpaQueryCreator(tree, queryMethod.getResultProcessor().getReturnedType(),
                        parameters, JpqlQueryTemplates.UPPER, entities.sessionFactory().getJpaMetamodel());
                rendered = sql.render(creator.createQuery(Sort.unsorted()), false, false);
            }
        } catch (RuntimeException e) {
            return unscoped(repositoryInterface, method, entity, "Hibernate could not render the query to SQL, so it cannot be"
                    + " shown to stay in one shard (" + firstLine(e.getMessage()) + ")", "fix the query, or add"
                    + " @AllowScatter(reason = \"...\")");
        }
        Verdict verdict = guard.verdict(rendered);
        if (!verdict.refused() && declared != null && !declared.countQuery().isEmpty()) {
            // a paged method's declared count query runs too
            what = "count query of @Query";
            try {
                verdict = guard.verdict(declared.nativeQuery() ? nativeSql(declared.countQuery(), false)
                        : sql.render(declared.countQuery(), false, false));
            } catch (RuntimeException e) {
                return unscoped(repositoryInterface, method, entity, "Hibernate could not render the count query to SQL ("
                        + firstLine(e.getMessage()) + ")", "fix the count query, or add @AllowScatter(reason = \"...\")");
            }
        }
        if (!verdict.refused()) {
            return null;
        }
        return unscoped(repositoryInterface, method, entity, what + " is " + verdict.route() + " for the guard: "
                + String.join("; ", verdict.reasons()), declared != null || what.startsWith("named")
                        ? "constrain " + entity.shardKeyText() + " by equality (or IN) in the query, e.g. WHERE "
                                + entity.shardKey().get(0) + " = :" + entity.shardKey().get(0) + ", or add @AllowScatter(reason = \"...\")"
                        : "add the shard key to every Or-branch of the method name, e.g. findBy" + shardKeyProperty(entity)
                                + "And...(...) (equality or In), or add @AllowScatter(reason = \"...\")");
    }

    /** Native SQL as Hibernate sends it: its JPA parameters become JDBC markers. */
    private String nativeSql(String text, boolean modifying) {
        try {
            return sql.render(text, true, modifying);
        } catch (IllegalArgumentException e) {
            return NATIVE_PARAMETER.matcher(text).replaceAll("?");
        }
    }

    private Object named(String name) {
        NamedObjectRepository named = entities.sessionFactory().getQueryEngine().getNamedObjectRepository();
        NamedSqmQueryMemento<?> jpql = named.getSqmQueryMemento(name);
        return jpql != null ? jpql : named.getNativeQueryMemento(name);
    }

    private UnscopedMethod checkInheritedMethod(Class<?> repository, Method method, JpaEntity entity) {
        String name = method.getName();
        boolean byExample = method.getParameterCount() > 0 && Example.class.isAssignableFrom(method.getParameterTypes()[0]);
        boolean everything = method.getParameterCount() == 0 || method.getParameterCount() == 1
                && (Sort.class.isAssignableFrom(method.getParameterTypes()[0])
                        || org.springframework.data.domain.Pageable.class.isAssignableFrom(method.getParameterTypes()[0]));
        if (!byExample && BY_ENTITY.contains(name) && !(name.startsWith("deleteAll") && everything)) {
            return null;
        }
        if (!byExample && BY_ID.contains(name)) {
            if (entity.idCoversShardKey()) {
                return null;
            }
            return unscoped(repository, method, entity, "the id of " + entity.type().getSimpleName() + " does not contain shard key "
                    + entity.shardKeyText() + ", so lookups by id run on every shard", "make the shard key part of the id"
                    + " (@EmbeddedId or @IdClass with " + entity.shardKeyText() + "), as the primary key of " + entity.table()
                    + " must contain it anyway, or look up by a derived query on the shard key and the id");
        }
        String what = byExample ? "query by example cannot be shown to constrain the shard key and reads every shard"
                : "inherited " + name + " reads or writes every shard of " + entity.table();
        return unscoped(repository, method, entity, what, "extend ShardedJpaRepository instead of JpaRepository/"
                + "ListCrudRepository/CrudRepository and query by the shard key (a derived query on "
                + shardKeyPropertyPaths(entity) + "), or add @AllowScatter(reason = \"...\") to the method");
    }

    private String shardKeyProperty(JpaEntity entity) {
        return Arrays.stream(shardKeyPropertyPaths(entity).split(", ")).map(path -> Arrays.stream(path.split("\\."))
                .map(org.springframework.util.StringUtils::capitalize).collect(Collectors.joining()))
                .collect(Collectors.joining("And"));
    }

    /** The attribute paths that hold the shard key, e.g. {@code accountId} or {@code id.accountId}. */
    private String shardKeyPropertyPaths(JpaEntity entity) {
        return entities.shardKeyPaths(entity).stream().collect(Collectors.joining(", "));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static UnscopedMethod unscoped(Class<?> repository, Method method, JpaEntity entity, String problem, String fix) {
        return UnscopedMethodsReport.unscoped(repository, method, entity.table().toString(), problem, fix);
    }
}
