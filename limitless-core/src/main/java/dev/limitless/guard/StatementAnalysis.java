package dev.limitless.guard;

import dev.limitless.catalog.TableName;
import dev.limitless.pinning.internal.PinningClassifier;
import dev.limitless.pinning.PinningRisks;
import java.util.List;
import java.util.Objects;

/**
 * What the SQL text of one statement says about its shard scope; computed once per distinct text and cached.
 * Holds no bind values.
 *
 * @param sql the statement text as given
 * @param operation select, insert, update, delete or other
 * @param route where the statement runs
 * @param tables the tables it names, resolved ({@code schema.name}), in order of first appearance
 * @param reasons why the route is what it is, one sentence each, naming table and key
 * @param shardKeyValues the shard-key values seen (literals as written, parameters by position)
 * @param namesShardedTable whether the text names a sharded table of the catalog (decides UNKNOWN)
 * @param allowScatterHint whether the text carries the {@code limitless:allow-scatter} hint comment
 * @param violation a rule broken whatever the policy (insert without shard key, shard-key update), or {@code null}
 * @param pinningRisks what in the text pins an RDS Proxy session (classified from the same parse when there is one)
 * @param parts for a text of several statements, the analysis of each, judged on its own (its own hint); else empty
 */
public record StatementAnalysis(String sql, String operation, Route route, List<TableName> tables, List<String> reasons,
        List<ShardKeyValue> shardKeyValues, boolean namesShardedTable, boolean allowScatterHint, Violation violation,
        PinningRisks pinningRisks, List<StatementAnalysis> parts) {

    /** The hint comment that opts one statement in to scatter: {@code /* limitless:allow-scatter *}{@code /}. */
    public static final String ALLOW_SCATTER_HINT = "limitless:allow-scatter";

    public StatementAnalysis {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(route, "route");
        tables = List.copyOf(tables);
        reasons = List.copyOf(reasons);
        shardKeyValues = List.copyOf(shardKeyValues);
        Objects.requireNonNull(pinningRisks, "pinningRisks");
        parts = List.copyOf(parts);
    }

    /** The analysis of one statement. */
    public StatementAnalysis(String sql, String operation, Route route, List<TableName> tables, List<String> reasons,
            List<ShardKeyValue> shardKeyValues, boolean namesShardedTable, boolean allowScatterHint, Violation violation,
            PinningRisks pinningRisks) {
        this(sql, operation, route, tables, reasons, shardKeyValues, namesShardedTable, allowScatterHint, violation,
                pinningRisks, List.of());
    }

    /** An analysis of a text that was not parsed: its pinning risks come from the lexical scan. */
    public StatementAnalysis(String sql, String operation, Route route, List<TableName> tables, List<String> reasons,
            List<ShardKeyValue> shardKeyValues, boolean namesShardedTable, boolean allowScatterHint, Violation violation) {
        this(sql, operation, route, tables, reasons, shardKeyValues, namesShardedTable, allowScatterHint, violation,
                PinningClassifier.classify(sql));
    }

    /** The first sharded table named, else the first table, else {@code null}: the table a refusal or meter names. */
    public TableName primaryTable() {
        return tables.isEmpty() ? null : tables.get(0);
    }

    /**
     * A rule that no policy or opt-in lifts.
     *
     * @param kind which rule
     * @param table the sharded table
     * @param shardKey its shard-key columns
     * @param detail one sentence naming what the statement does wrong
     */
    public record Violation(Kind kind, TableName table, List<String> shardKey, String detail) {

        public Violation {
            shardKey = List.copyOf(shardKey);
        }

        /** The rules. */
        public enum Kind {
            /** An INSERT into a sharded table that does not supply every shard-key column. */
            INSERT_WITHOUT_SHARD_KEY,
            /** An UPDATE (or ON CONFLICT DO UPDATE) that assigns a shard-key column. */
            SHARD_KEY_UPDATE,
            /** With an active shard key: a sharded table whose shard key has another number of columns. */
            ACTIVE_KEY_INCOMPATIBLE_TABLE,
            /** With an active shard key: sharded tables of more than one collocation group in one statement. */
            ACTIVE_KEY_OTHER_COLLOCATION_GROUP
        }
    }
}
