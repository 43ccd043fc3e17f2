package dev.limitless.ddl;

import dev.limitless.catalog.EntityTable;
import dev.limitless.catalog.EntityTable.EntityColumn;
import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableName;
import dev.limitless.ddl.LimitlessDdl.Style;
import dev.limitless.ddl.LimitlessDdl.Translation;
import dev.limitless.ddl.TableSpec.ColumnSpec;
import dev.limitless.ddl.TableSpec.KeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generates {@code CREATE TABLE} statements from described entities ({@link EntityTable}, read from entity classes by
 * a mapping module such as limitless-data-jdbc), checked against every {@link Rule}.
 */
final class EntityTableDdl {

    private EntityTableDdl() {
    }

    /** An entity whose table is standard takes its table's mode from {@code declared} (e.g. a catalog file). */
    static Translation generate(ShardCatalog declared, TypeMapping types, Style style, List<EntityTable> entities) {
        String defaultSchema = declared.defaultSchema();
        // throws naming both classes when two entities define one table differently
        ShardCatalog.of(defaultSchema, entities.stream().map(EntityTable::definition).toList());
        Map<TableName, EntityTable> tables = new LinkedHashMap<>();
        for (EntityTable described : entities) {
            EntityTable table = described;
            if (table.definition().mode() == dev.limitless.catalog.TableMode.STANDARD) {
                table = declared.find(table.definition().name())
                        .map(definition -> new EntityTable(described.type(), definition, described.columns())).orElse(table);
            }
            tables.put(table.definition().name(), table);
        }
        // the declared tables that are not generated here (e.g. a collocation target that exists already) keep the
        // checks of collocation and foreign keys whole
        List<TableDefinition> definitions = new ArrayList<>(tables.values().stream().map(EntityTable::definition).toList());
        declared.tables().stream().filter(table -> !tables.containsKey(table.name())).forEach(definitions::add);
        ShardCatalog catalog = ShardCatalog.of(defaultSchema, definitions);
        List<EntityTable> ordered = new ArrayList<>();
        tables.values().forEach(table -> addAfterCollocationTarget(table, tables, ordered));
        List<TableSpec> specs = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        for (EntityTable table : ordered) {
            String location = table.definition().source();
            List<ColumnSpec> columns = new ArrayList<>();
            StringBuilder create = new StringBuilder("CREATE TABLE ").append(table.definition().name().sql()).append(" (\n");
            for (EntityColumn column : table.columns()) {
                String type = types.sqlType(table, column);
                columns.add(new ColumnSpec(column.column(), type, false, false, location));
                create.append("    ").append(TableName.quote(column.column())).append(' ').append(type);
                if (!column.nullable() || column.id() || column.shardKey()) {
                    create.append(" NOT NULL");
                }
                create.append(",\n");
            }
            List<String> id = table.idColumns().stream().map(EntityColumn::column).toList();
            List<KeySpec> keys = new ArrayList<>();
            if (id.isEmpty()) {
                create.setLength(create.length() - 2);
                create.append('\n');
            } else {
                create.append("    PRIMARY KEY (").append(id.stream().map(TableName::quote).collect(Collectors.joining(", "))).append(")\n");
                keys.add(new KeySpec(true, "primary key", id, location));
            }
            create.append(')');
            specs.add(new TableSpec(table.definition().name(), columns, keys, List.of(), List.of(), List.of(), List.of(), location));
            script.append(comment(table.definition().describe() + ", from " + table.type().getName()));
            script.append(LimitlessDdl.createTable(table.definition(), create.toString(), style)).append('\n');
        }
        return new Translation(script.toString(), DdlChecker.check(catalog, specs));
    }

    /**
     * One {@code --} comment line. Names are checked when the catalog is built, but a comment is the one place where
     * a line break would turn text into a statement, so every control character is replaced here too.
     */
    static String comment(String text) {
        StringBuilder line = new StringBuilder("-- ");
        text.codePoints().forEach(c -> line.appendCodePoint(
                Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029' ? '?' : c));
        return line.append('\n').toString();
    }

    private static void addAfterCollocationTarget(EntityTable table, Map<TableName, EntityTable> tables, List<EntityTable> ordered) {
        if (ordered.contains(table)) {
            return;
        }
        TableDefinition definition = table.definition();
        EntityTable target = definition.collocateWith() == null ? null : tables.get(definition.collocateWith());
        if (target != null && target != table) {
            addAfterCollocationTarget(target, tables, ordered);
        }
        ordered.add(table);
    }
}
