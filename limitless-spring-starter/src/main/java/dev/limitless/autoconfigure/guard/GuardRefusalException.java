package dev.limitless.autoconfigure.guard;

import dev.limitless.catalog.TableName;
import dev.limitless.guard.Route;
import dev.limitless.guard.ShardScopeException;
import dev.limitless.guard.Verdict;
import java.util.List;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * A statement the guard refused before it was sent (scatter, missing or updated shard key, unanalyzable), as Spring
 * code sees it from {@code JdbcTemplate}, {@code JdbcClient} or a Spring Data JDBC repository. The cause is the
 * guard's {@link ShardScopeException} (SQLState {@value ShardScopeException#SQL_STATE}); the message says what was
 * refused and how to fix it or opt in.
 */
public class GuardRefusalException extends InvalidDataAccessApiUsageException {

    private static final long serialVersionUID = 1L;

    private final transient Verdict verdict;

    public GuardRefusalException(String task, ShardScopeException refusal) {
        // the guard's message names the statement (shortened, literals masked), never bind values
        super((task == null ? "" : task + ": ") + refusal.getMessage(), refusal);
        this.verdict = refusal.verdict();
    }

    /** Where the statement would have run, e.g. {@link Route#SCATTER}. */
    public Route route() {
        return verdict.route();
    }

    /** The tables the statement names. */
    public List<TableName> tables() {
        return verdict.tables();
    }

    /** Why it was refused, one sentence each. */
    public List<String> reasons() {
        return verdict.reasons();
    }

    /** The whole verdict. */
    public Verdict verdict() {
        return verdict;
    }

    /** The guard's own exception, whose type says which kind of refusal it is. */
    public ShardScopeException refusal() {
        return (ShardScopeException) getCause();
    }
}
