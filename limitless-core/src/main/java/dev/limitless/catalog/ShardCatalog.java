package dev.limitless.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which tables are sharded, reference or standard, with shard keys and collocation groups. Immutable and safe to
 * share between threads.
 *
 * <p>Built from sources (annotated entities, a catalog file, the live database): {@link #merge} adds the tables of
 * each later source and fails, naming both sources, when two sources define one table differently.
 */
public final class ShardCatalog {

    private static final ShardCatalog EMPTY = new ShardCatalog("public", Map.of(), Map.of());

    private final String defaultSchema;
    private final Map<TableName, TableDefinition> tables;
    /** Views, materialized views and functions that read sharded tables, by name: the tables they read. */
    private final Map<TableName, java.util.Set<TableName>> readers;
    /**
     * The names (without schema) of the tables and of the readers: a name no table has is answered without building a
     * qualified name per schema of the search path (the guard looks up every identifier of a statement).
     */
    private final java.util.Set<String> tableNames = new java.util.HashSet<>();
    private final java.util.Set<String> readerNames = new java.util.HashSet<>();

    private ShardCatalog(String defaultSchema, Map<TableName, TableDefinition> tables,
            Map<TableName, java.util.Set<TableName>> readers) {
        this.defaultSchema = defaultSchema;
        this.tables = Collections.unmodifiableMap(tables);
        this.readers = Collections.unmodifiableMap(readers);
        tables.keySet().forEach(table -> tableNames.add(table.name()));
        readers.keySet().forEach(reader -> readerNames.add(reader.name()));
    }

    /** A catalog that knows no table: everything is standard. */
    public static ShardCatalog empty() {
        return EMPTY;
    }

    /**
     * A catalog of the given tables.
     *
     * @throws CatalogException on two different definitions of one table, or a collocation with a table that is
     *     not a sharded table of this catalog with the same shard-key column names
     */
    public static ShardCatalog of(String defaultSchema, Collection<TableDefinition> definitions) {
        Objects.requireNonNull(defaultSchema, "defaultSchema");
        Map<TableName, TableDefinition> tables = new LinkedHashMap<>();
        List<TableDefinition> otherCollocationViews = new ArrayList<>();
        for (TableDefinition definition : definitions) {
            add(tables, definition, otherCollocationViews);
        }
        checkCollocations(tables);
        ShardCatalog catalog = new ShardCatalog(defaultSchema, tables, Map.of());
        for (TableDefinition other : otherCollocationViews) {
            catalog.checkSameCollocationGroup(other, otherCollocationViews);
        }
        return catalog;
    }

    /**
     * Two sources may name different members of one collocation group (a live database cannot tell which table a
     * group grew from, and a chain a->b->c is the group a->c, b->c): they agree when the merged catalog puts the
     * table in the group the other source says.
     */
    private void checkSameCollocationGroup(TableDefinition other, List<TableDefinition> otherViews) {
        TableDefinition kept = tables.get(other.name());
        boolean followed = tables.values().stream().anyMatch(table -> other.name().equals(table.collocateWith()))
                || otherViews.stream().anyMatch(table -> other.name().equals(table.collocateWith()));
        // null says "follows no table": right for the table a group grew from, wrong for a table outside any group
        boolean agrees = other.collocateWith() != null ? collocated(other.name(), other.collocateWith()) : followed;
        if (!agrees) {
            throw new CatalogException("Table " + other.name() + " is defined twice, differently: " + kept.describe() + " in "
                    + kept.source() + ", and " + other.describe() + " in " + other.source()
                    + ". Make the two sources agree or remove one of them.");
        }
    }

    /** All tables of all catalogs; the default schema of the first. Conflicts are errors naming both sources. */
    public static ShardCatalog merge(List<ShardCatalog> catalogs) {
        if (catalogs.isEmpty()) {
            return EMPTY;
        }
        List<TableDefinition> all = new ArrayList<>();
        Map<TableName, java.util.Set<TableName>> readers = new LinkedHashMap<>();
        catalogs.forEach(catalog -> all.addAll(catalog.tables.values()));
        catalogs.forEach(catalog -> catalog.readers.forEach((name, read) ->
                readers.computeIfAbsent(name, n -> new java.util.LinkedHashSet<>()).addAll(read)));
        return of(catalogs.get(0).defaultSchema, all).withReaders(readers);
    }

    private static void add(Map<TableName, TableDefinition> tables, TableDefinition definition, List<TableDefinition> otherCollocationViews) {
        TableDefinition existing = tables.get(definition.name());
        if (existing == null) {
            tables.put(definition.name(), definition);
        } else if (existing.mode() == definition.mode() && existing.shardKey().equals(definition.shardKey())
                && !Objects.equals(existing.collocateWith(), definition.collocateWith())) {
            otherCollocationViews.add(definition);
        } else if (!existing.sameAs(definition)) {
            throw new CatalogException("Table " + definition.name() + " is defined twice, differently: "
                    + existing.describe() + " in " + existing.source() + ", and " + definition.describe() + " in "
                    + definition.source() + ". Make the two sources agree or remove one of them.");
        }
    }

    private static void checkCollocations(Map<TableName, TableDefinition> tables) {
        for (TableDefinition table : tables.values()) {
            if (table.collocateWith() == null) {
                continue;
            }
            TableDefinition target = tables.get(table.collocateWith());
            if (target == null || !target.isSharded()) {
                throw new CatalogException("Table " + table.name() + " (" + table.source() + ") is collocated with "
                        + table.collocateWith() + ", which is " + (target == null ? "not in the catalog" : "a "
                        + target.mode().auroraName() + " table") + "; collocate with a sharded table");
            }
            if (!target.shardKey().equals(table.shardKey())) {
                throw new CatalogException("Collocated tables need shard keys with the same columns: " + table.name()
                        + " has (" + String.join(", ", table.shardKey()) + ") in " + table.source() + ", "
                        + target.name() + " has (" + String.join(", ", target.shardKey()) + ") in " + target.source());
            }
        }
    }

    /** The schema of unqualified names when no search path says otherwise. */
    public String defaultSchema() {
        return defaultSchema;
    }

    /** A copy with another default schema. */
    public ShardCatalog withDefaultSchema(String schema) {
        return new ShardCatalog(schema, new LinkedHashMap<>(tables), readers);
    }

    /**
     * A copy that also knows the views, materialized views and functions reading sharded tables (the guard cannot
     * see which rows they read, so a statement naming one is refused unless opted in).
     */
    public ShardCatalog withReaders(Map<TableName, java.util.Set<TableName>> readersByName) {
        Map<TableName, java.util.Set<TableName>> copy = new LinkedHashMap<>();
        readersByName.forEach((name, read) -> copy.put(name, java.util.Set.copyOf(read)));
        return new ShardCatalog(defaultSchema, new LinkedHashMap<>(tables), copy);
    }

    /** The sharded tables a view, materialized view or function reads, resolved like a table name; empty if none. */
    public java.util.Set<TableName> readsOf(String schema, String name, List<String> searchPath) {
        if (!readerNames.contains(name)) {
            return java.util.Set.of();
        }
        if (schema != null) {
            return readers.getOrDefault(new TableName(schema, name), java.util.Set.of());
        }
        List<String> path = searchPath == null || searchPath.isEmpty() ? List.of(defaultSchema) : searchPath;
        for (String candidate : path) {
            java.util.Set<TableName> read = readers.get(new TableName(candidate, name));
            if (read != null) {
                return read;
            }
        }
        return java.util.Set.of();
    }

    /** Every table, in the order the sources gave them. */
    public Collection<TableDefinition> tables() {
        return tables.values();
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }

    /** The definition of a table, if the catalog has it. */
    public Optional<TableDefinition> find(TableName name) {
        return Optional.ofNullable(tables.get(name));
    }

    /**
     * Resolves a possibly unqualified name as PostgreSQL would with the given search path: a qualified name is
     * looked up as is; an unqualified one in each schema of the path in turn (the default schema when the path is
     * empty).
     *
     * @param schema the schema as written (stored form), or {@code null} when unqualified
     * @param name the table name (stored form)
     */
    public Optional<TableDefinition> resolve(String schema, String name, List<String> searchPath) {
        if (!tableNames.contains(name)) {
            return Optional.empty();
        }
        if (schema != null) {
            return find(new TableName(schema, name));
        }
        if (searchPath == null || searchPath.isEmpty()) {
            return find(new TableName(defaultSchema, name));
        }
        for (String candidate : searchPath) {
            TableDefinition definition = tables.get(new TableName(candidate, name));
            if (definition != null) {
                return Optional.of(definition);
            }
        }
        return Optional.empty();
    }

    /** The mode of a table; tables the catalog does not know are standard. */
    public TableMode modeOf(TableName name) {
        TableDefinition definition = tables.get(name);
        return definition == null ? TableMode.STANDARD : definition.mode();
    }

    /** Whether two sharded tables are in one collocation group (the same table counts). */
    public boolean collocated(TableName first, TableName second) {
        return first.equals(second) || collocationRoot(first).map(root -> collocationRoot(second).map(root::equals).orElse(false)).orElse(false);
    }

    private Optional<TableName> collocationRoot(TableName name) {
        TableDefinition definition = tables.get(name);
        int hops = 0;
        while (definition != null && definition.isSharded() && definition.collocateWith() != null && hops++ < tables.size()) {
            definition = tables.get(definition.collocateWith());
        }
        return definition != null && definition.isSharded() ? Optional.of(definition.name()) : Optional.empty();
    }

    /** The sharded tables. */
    public List<TableDefinition> shardedTables() {
        return tables.values().stream().filter(TableDefinition::isSharded).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return "ShardCatalog" + tables.values().stream().map(TableDefinition::describe).toList();
    }
}
