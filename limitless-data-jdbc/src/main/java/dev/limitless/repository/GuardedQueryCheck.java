package dev.limitless.repository;

import dev.limitless.repository.internal.UnscopedMethodsReport;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.guard.Verdict;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges {@code @Query} SQL at start-up with the guard, under the policy it will meet at run time: a statement the
 * guard would refuse is an unscoped method. Uses the application's {@link ShardScopeGuard} (its catalog and its
 * policy, e.g. {@code limitless.guard.scatter=warn}) when there is one; when its catalog lacks the repository's
 * sharded entity, the same policy over the catalog plus that entity, so that its table is known to be sharded.
 */
final class GuardedQueryCheck implements RepositoryMethodCheck.DeclaredQueryCheck {

    private final ShardScopeGuard applicationGuard;
    private final ShardCatalog catalog;
    private final Map<Class<?>, ShardScopeGuard> entityGuards = new ConcurrentHashMap<>();

    GuardedQueryCheck(ShardScopeGuard applicationGuard, ShardCatalog catalog) {
        this.applicationGuard = applicationGuard;
        this.catalog = catalog;
    }

    @Override
    public String problem(String sql, ShardedEntity entity) {
        ShardScopeGuard guard = applicationGuard != null && knows(applicationGuard, entity) ? applicationGuard
                : entityGuards.computeIfAbsent(entity.type(), type -> guardFor(entity));
        Verdict verdict = guard.verdict(sql);
        if (!verdict.refused()) {
            return null;
        }
        return "@Query is " + verdict.route() + " for the guard: " + String.join("; ", verdict.reasons());
    }

    private static boolean knows(ShardScopeGuard guard, ShardedEntity entity) {
        return !entity.isSharded() || guard.catalog().find(entity.table()).isPresent();
    }

    /** The application's catalog plus the entity's table, under the application guard's policy when there is one. */
    private ShardScopeGuard guardFor(ShardedEntity entity) {
        TableDefinition table = TableDefinition.sharded(entity.table(),
                entity.shardKey().stream().map(ShardedEntity.ShardKeyColumn::column).toList(), null,
                "entity " + entity.type().getName());
        return UnscopedMethodsReport.queryGuard(applicationGuard, catalog, List.of(table));
    }
}
