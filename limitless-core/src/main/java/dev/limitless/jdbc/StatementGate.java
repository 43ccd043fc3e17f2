package dev.limitless.jdbc;

import dev.limitless.guard.ShardScopeGuard;
import dev.limitless.guard.Verdict;
import java.sql.SQLException;

/**
 * The one place where the JDBC wrappers hand SQL text to the guard. Pinning checks and a metrics listener around
 * execution belong here too, so that every path (Statement, PreparedStatement, CallableStatement, batches) gets
 * them at once.
 */
final class StatementGate {

    private final ShardScopeGuard guard;

    StatementGate(ShardScopeGuard guard) {
        this.guard = guard;
    }

    /** Returns the verdict when the statement may run; throws the guard's refusal otherwise. */
    Verdict admit(String sql) throws SQLException {
        return guard.check(sql);
    }

    ShardScopeGuard guard() {
        return guard;
    }
}
