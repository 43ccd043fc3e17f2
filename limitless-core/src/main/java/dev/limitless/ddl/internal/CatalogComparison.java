package dev.limitless.ddl.internal;

import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares what the application declares (entities, catalog file) with what a live database reports
 * ({@code rds_aurora.limitless_tables}), for start-up validation.
 */
public final class CatalogComparison {

    private CatalogComparison() {
    }

    /**
     * Every difference, one sentence each, naming the table, what was declared and where, what the database has,
     * and how to fix it. Empty when they agree. Tables only the database knows are not differences.
     */
    public static List<String> differences(ShardCatalog declared, ShardCatalog live) {
        List<String> differences = new ArrayList<>();
        for (TableDefinition expected : declared.tables()) {
            Optional<TableDefinition> found = live.find(expected.name());
            TableMode actualMode = found.map(TableDefinition::mode).orElse(TableMode.STANDARD);
            if (expected.mode() != actualMode) {
                differences.add(expected.name() + " is declared " + expected.mode().auroraName() + " (" + expected.source()
                        + ") but the database has it " + (found.isPresent() ? actualMode.auroraName() : "as a standard table or not at all")
                        + "; create or convert it with the DDL from LimitlessDdl (limitless ddl), or fix the declaration");
                continue;
            }
            if (expected.mode() != TableMode.SHARDED) {
                continue;
            }
            TableDefinition actual = found.orElseThrow();
            if (!expected.shardKey().equals(actual.shardKey())) {
                differences.add(expected.name() + " is declared with shard key (" + String.join(", ", expected.shardKey())
                        + ") (" + expected.source() + ") but the database shards it by (" + String.join(", ", actual.shardKey())
                        + "); shard keys cannot change in place: fix the declaration or rebuild the table");
            }
            if (!Objects.equals(group(declared, expected), group(live, actual))) {
                differences.add(expected.name() + " is declared " + describeGroup(declared, expected) + " (" + expected.source()
                        + ") but in the database it is " + describeGroup(live, actual)
                        + "; collocation is fixed at creation: fix the declaration or rebuild the table");
            }
        }
        return differences;
    }

    /**
     * The other direction: tables the database has as sharded or reference that the declarations lack, one sentence
     * each. The guard takes such a table for a standard one and lets its scatter statements through. Standard
     * tables the database has (migration history, lookups) are not differences.
     */
    public static List<String> undeclared(ShardCatalog declared, ShardCatalog live) {
        List<String> differences = new ArrayList<>();
        for (TableDefinition actual : live.tables()) {
            if (actual.mode() == TableMode.STANDARD || declared.find(actual.name()).isPresent()) {
                continue;
            }
            differences.add(actual.name() + " is " + actual.mode().auroraName() + " in the database"
                    + (actual.isSharded() ? " (shard key " + String.join(", ", actual.shardKey()) + ")" : "")
                    + " but not declared, so the guard would take it for a standard table; declare it (@"
                    + (actual.isSharded() ? "ShardedTable" : "ReferenceTable") + " on its entity or an entry in the"
                    + " catalog file) or read the database's catalog with limitless.catalog.live=true");
        }
        return differences;
    }

    private static List<String> group(ShardCatalog catalog, TableDefinition table) {
        return catalog.shardedTables().stream()
                .filter(other -> catalog.collocated(other.name(), table.name()))
                .map(other -> other.name().toString())
                .sorted()
                .toList();
    }

    private static String describeGroup(ShardCatalog catalog, TableDefinition table) {
        List<String> group = new ArrayList<>(group(catalog, table));
        group.remove(table.name().toString());
        return group.isEmpty() ? "not collocated with another table" : "collocated with " + String.join(", ", group);
    }
}
