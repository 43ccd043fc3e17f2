package dev.limitless.guard.internal;

import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.guard.ShardScopeGuard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Analyses statements before the first request does: the statements an application names (its {@code @Query} texts,
 * the texts it sends through {@code JdbcClient}), cached under their exact text, and statements shaped from the
 * catalog (a key lookup, an insert, an update and a delete by key of every sharded table, a join of every collocated
 * pair, a read of every reference table), which load and compile the lexer, the parser and the routing so that the
 * first analysis of any other text is a warm one. Run it while the application starts (under SnapStart: before the
 * snapshot); nothing is sent to the database.
 */
public final class GuardWarmUp {

    /**
     * What a warm-up did.
     *
     * @param statements distinct texts analysed
     * @param took       how long it took
     */
    public record Result(int statements, Duration took) {
    }

    private GuardWarmUp() {
    }

    /** Analyses the given texts and the catalog's representative statements with {@code guard}. */
    public static Result run(ShardScopeGuard guard, Collection<String> statements) {
        Objects.requireNonNull(guard, "guard");
        Set<String> texts = new LinkedHashSet<>();
        for (String statement : statements) {
            if (statement != null && !statement.isBlank()) {
                texts.add(statement);
            }
        }
        texts.addAll(statementsOf(guard.catalog()));
        long start = System.nanoTime();
        for (String text : texts) {
            guard.analyze(text); // never throws; the verdict is cached by text
        }
        return new Result(texts.size(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Representative statements of a catalog, in a stable order. */
    public static List<String> statementsOf(ShardCatalog catalog) {
        List<String> statements = new ArrayList<>();
        for (TableDefinition table : catalog.tables()) {
            String name = table.name().sql();
            if (!table.isSharded()) {
                statements.add("SELECT * FROM " + name);
                continue;
            }
            String key = keyCondition(table, null);
            statements.add("SELECT * FROM " + name + " WHERE " + key);
            statements.add("INSERT INTO " + name + " (" + String.join(", ", quoted(table.shardKey())) + ") VALUES ("
                    + String.join(", ", table.shardKey().stream().map(column -> "?").toList()) + ")");
            String other = table.columns().stream().filter(column -> !table.shardKey().contains(column)).findFirst()
                    .orElse(null);
            if (other != null) {
                statements.add("UPDATE " + name + " SET " + TableName.quote(other) + " = ? WHERE " + key);
            }
            statements.add("DELETE FROM " + name + " WHERE " + key);
            if (table.collocateWith() != null) {
                catalog.find(table.collocateWith()).filter(TableDefinition::isSharded)
                        .filter(target -> target.shardKey().size() == table.shardKey().size())
                        .ifPresent(target -> statements.add(join(table, target)));
            }
        }
        return statements;
    }

    private static String join(TableDefinition table, TableDefinition target) {
        StringBuilder on = new StringBuilder();
        for (int i = 0; i < table.shardKey().size(); i++) {
            on.append(i == 0 ? "" : " AND ").append("a.").append(TableName.quote(table.shardKey().get(i)))
                    .append(" = b.").append(TableName.quote(target.shardKey().get(i)));
        }
        return "SELECT a.*, b.* FROM " + table.name().sql() + " a JOIN " + target.name().sql() + " b ON " + on
                + " WHERE " + keyCondition(table, "a");
    }

    private static String keyCondition(TableDefinition table, String alias) {
        StringBuilder condition = new StringBuilder();
        for (String column : table.shardKey()) {
            condition.append(condition.isEmpty() ? "" : " AND ").append(alias == null ? "" : alias + ".")
                    .append(TableName.quote(column)).append(" = ?");
        }
        return condition.toString();
    }

    private static List<String> quoted(List<String> columns) {
        return columns.stream().map(TableName::quote).toList();
    }
}
