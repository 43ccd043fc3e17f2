package dev.limitless.repository;

import dev.limitless.repository.internal.UnscopedMethodsReport;
import dev.limitless.repository.UnscopedRepositoryMethodsException.UnscopedMethod;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.data.domain.Example;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.util.StringUtils;

/**
 * Checks every method of one repository before the application serves requests: derived queries (parsed with
 * Spring Data's {@link PartTree}) must constrain the whole shard key by equality or IN in every OR branch; inherited
 * CRUD methods that read every shard ({@code findAll}, {@code count}, {@code deleteAll}, query by example) are
 * refused; id-based methods need an id that contains the shard key; {@code @Query} SQL goes to the statement check.
 * Methods (or repositories) that allow scatter, reference and standard entities, and custom fragment methods (the
 * guarded DataSource sees their SQL at run time) are not restricted.
 */
final class RepositoryMethodCheck {

    /** Inherited methods that only ever touch the rows of the ids or entities they are given. */
    private static final Set<String> BY_ID = Set.of("save", "saveAll", "findById", "existsById", "deleteById", "delete",
            "deleteAll", "deleteAllById", "findAllById");

    /** Methods of {@link ShardedJdbcRepository} that constrain the shard key themselves. */
    private static final Set<String> BY_SHARD_KEY = Set.of("findAllByShardKey", "findSliceByShardKey", "countByShardKey");

    private final ShardedEntities entities;
    private final Predicate<AnnotatedElement> allowsScatter;
    private final DeclaredQueryCheck declaredQueries;

    RepositoryMethodCheck(ShardedEntities entities, Predicate<AnnotatedElement> allowsScatter, DeclaredQueryCheck declaredQueries) {
        this.entities = entities;
        this.allowsScatter = allowsScatter;
        this.declaredQueries = declaredQueries;
    }

    /** Analyses the SQL of a {@code @Query} method; returns the problem, or {@code null} when it may run. */
    interface DeclaredQueryCheck {
        String problem(String sql, ShardedEntity entity);
    }

    List<UnscopedMethod> check(RepositoryInformation repository) {
        Class<?> repositoryInterface = repository.getRepositoryInterface();
        ShardedEntity entity = entities.describe(repository.getDomainType());
        if (!entity.isSharded()) {
            return List.of();
        }
        return UnscopedMethodsReport.check(repository, allowsScatter,
                method -> checkQueryMethod(repositoryInterface, method, entity),
                method -> checkInheritedMethod(repositoryInterface, method, entity));
    }

    private UnscopedMethod checkQueryMethod(Class<?> repository, Method method, ShardedEntity entity) {
        Query declared = method.getAnnotation(Query.class);
        if (declared != null) {
            String problem = declaredQueries.problem(declared.value(), entity);
            return problem == null ? null : unscoped(repository, method, entity, problem, "constrain " + entity.shardKeyText()
                    + " by equality (or IN) in the SQL, e.g. WHERE " + entity.shardKey().get(0).column() + " = :"
                    + lastSegment(entity.shardKey().get(0).propertyPath()) + ", or add @AllowScatter(reason = \"...\")");
        }
        PartTree tree = new PartTree(method.getName(), entity.type());
        if (!tree.hasPredicate()) {
            return unscoped(repository, method, entity, "derived query without a condition reads every shard of " + entity.table(),
                    derivedFix(method, entity));
        }
        for (PartTree.OrPart branch : tree) {
            Set<String> constrained = new HashSet<>();
            for (Part part : branch) {
                ShardedEntity.ShardKeyColumn column = entity.shardKeyColumn(part.getProperty().toDotPath());
                if (column != null && (part.getType() == Part.Type.SIMPLE_PROPERTY || part.getType() == Part.Type.IN)
                        && part.shouldIgnoreCase() == Part.IgnoreCaseType.NEVER) {
                    constrained.add(column.column());
                }
            }
            if (constrained.size() < entity.shardKey().size()) {
                String branchText = branch.stream().map(RepositoryMethodCheck::describe).collect(Collectors.joining(" and "));
                return unscoped(repository, method, entity, "condition (" + branchText + ") does not constrain shard key "
                        + entity.shardKeyText() + " of " + entity.table() + " by equality or IN, so it reads every shard",
                        derivedFix(method, entity));
            }
        }
        return null;
    }

    private UnscopedMethod checkInheritedMethod(Class<?> repository, Method method, ShardedEntity entity) {
        String name = method.getName();
        boolean byExample = method.getParameterCount() > 0 && Example.class.isAssignableFrom(method.getParameterTypes()[0]);
        if (BY_SHARD_KEY.contains(name) && !byExample) {
            return null;
        }
        if (BY_ID.contains(name) && !byExample && !(name.equals("deleteAll") && method.getParameterCount() == 0)) {
            if (entity.idCoversShardKey()) {
                boolean saves = name.equals("save") || name.equals("saveAll");
                if (saves && !entity.tellsNewFromPersisted()) {
                    return unscoped(repository, method, entity, "ids of sharded entities are assigned by the caller (they"
                            + " contain the shard key), so Spring Data cannot tell a new " + entity.type().getSimpleName()
                            + " from a stored one and would UPDATE (zero rows) instead of INSERT", "add a @Version Long"
                            + " version property (null while new) or implement Persistable.isNew()");
                }
                return null;
            }
            return unscoped(repository, method, entity, "the id of " + entity.type().getSimpleName() + " does not contain shard key "
                    + entity.shardKeyText() + ", so lookups and UPDATEs by id run on every shard (and Aurora refuses"
                    + " UPDATEs that assign a shard-key column)", "make the shard key part of the id: a composite id"
                    + " (@Id on a value type) with " + entity.shardKeyText() + " in it, as the primary key of "
                    + entity.table() + " must contain it anyway");
        }
        String what = byExample ? "query by example cannot be shown to constrain the shard key and reads every shard"
                : "inherited " + name + " reads or writes every shard of " + entity.table();
        return unscoped(repository, method, entity, what, "extend ShardedRepository instead of CrudRepository/ListCrudRepository/"
                + "PagingAndSortingRepository and use findAllByShardKey(..., pageable) or a derived query on "
                + entity.shardKeyProperties() + ", or add @AllowScatter(reason = \"...\") to the method");
    }

    private static String derivedFix(Method method, ShardedEntity entity) {
        String keyProperties = entity.shardKey().stream().map(column -> derivedName(column.propertyPath()))
                .collect(Collectors.joining("And"));
        return "add the shard key to every Or-branch, e.g. findBy" + keyProperties + "And...(...) (equality or In), or"
                + " add @AllowScatter(reason = \"...\")";
    }

    /** {@code id.accountId} as a derived-query property: {@code IdAccountId}. */
    private static String derivedName(String dotPath) {
        return Arrays.stream(dotPath.split("\\.")).map(StringUtils::capitalize).collect(Collectors.joining());
    }

    private static String lastSegment(String dotPath) {
        return dotPath.substring(dotPath.lastIndexOf('.') + 1);
    }

    private static String describe(Part part) {
        String operator = part.getType() == Part.Type.SIMPLE_PROPERTY ? "="
                : part.getType().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return part.getProperty().toDotPath() + " " + operator;
    }

    private static UnscopedMethod unscoped(Class<?> repository, Method method, ShardedEntity entity, String problem, String fix) {
        return UnscopedMethodsReport.unscoped(repository, method, entity.table().toString(), problem, fix);
    }
}
