package dev.limitless.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the catalog file shared by the CLI, the starter and tests:
 *
 * <pre>
 * tables:
 *   - name: transactions
 *     schema: public          # optional, default: the configured default schema
 *     mode: sharded           # sharded | reference | standard
 *     shardKey: [account_id]
 *     collocateWith: accounts # optional
 *   - name: currencies
 *     mode: reference
 * </pre>
 *
 * Names are SQL identifiers: unquoted ones are folded to lower case as PostgreSQL does and may hold only letters,
 * digits, {@code _} and {@code $} (nothing is dropped or altered silently); {@code '"Mixed Case"'} is kept exactly.
 * No name may hold a control character or exceed 63 bytes, and sharded and reference table names are limited to 54
 * characters, as on Aurora Limitless. Every error names the file and line and says what to write instead.
 */
public final class CatalogFile {

    private static final Set<String> TABLE_KEYS = Set.of("name", "schema", "mode", "shardKey", "shardKeyTypes", "collocateWith");

    private CatalogFile() {
    }

    /** Reads a catalog file. */
    public static ShardCatalog load(Path file, String defaultSchema) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), defaultSchema);
        } catch (NoSuchFileException e) {
            throw new CatalogException("Catalog file " + file + " does not exist");
        } catch (IOException e) {
            throw new CatalogException("Could not read catalog file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads catalog text.
     *
     * @param sourceName the file name (or other origin) used in error messages
     */
    public static ShardCatalog parse(String yaml, String sourceName, String defaultSchema) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            throw new CatalogException(sourceName + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem());
        }
        if (root == null) {
            throw new CatalogException(sourceName + ": the catalog is empty; it needs a 'tables:' list");
        }
        Map<String, Node> top = mapping(root, sourceName, "the top level");
        Node tablesNode = top.get("tables");
        if (tablesNode == null) {
            throw new CatalogException(at(sourceName, root) + "the catalog needs a 'tables:' list at the top level");
        }
        if (!(tablesNode instanceof SequenceNode sequence)) {
            throw new CatalogException(at(sourceName, tablesNode) + "'tables' must be a list of tables ('- name: ...')");
        }
        List<TableDefinition> definitions = new ArrayList<>();
        for (Node entry : sequence.getValue()) {
            definitions.add(table(entry, sourceName, defaultSchema));
        }
        return ShardCatalog.of(defaultSchema, definitions);
    }

    private static TableDefinition table(Node node, String sourceName, String defaultSchema) {
        Map<String, Node> fields = mapping(node, sourceName, "a table entry");
        for (Map.Entry<String, Node> field : fields.entrySet()) {
            if (!TABLE_KEYS.contains(field.getKey())) {
                throw new CatalogException(at(sourceName, field.getValue()) + "unknown key '" + field.getKey()
                        + "'; a table entry has " + String.join(", ", List.of("name", "schema", "mode", "shardKey", "collocateWith")));
            }
        }
        String where = at(sourceName, node).replaceAll(": $", "");
        String name = requiredScalar(fields, "name", sourceName, node);
        String schemaText = optionalScalar(fields, "schema", sourceName);
        String modeText = requiredScalar(fields, "mode", sourceName, node);
        TableName tableName;
        try {
            String schema = schemaText == null ? defaultSchema : TableName.identifier(schemaText);
            tableName = new TableName(schema, TableName.identifier(name));
        } catch (IllegalArgumentException e) {
            throw new CatalogException(at(sourceName, fields.get("name")) + e.getMessage());
        }
        TableMode mode;
        try {
            mode = TableMode.parse(modeText);
        } catch (IllegalArgumentException e) {
            throw new CatalogException(at(sourceName, fields.get("mode")) + e.getMessage());
        }
        List<String> shardKey = shardKey(fields.get("shardKey"), sourceName);
        if (mode == TableMode.SHARDED && shardKey.isEmpty()) {
            throw new CatalogException(where + ": sharded table " + tableName + " needs 'shardKey: [column, ...]'");
        }
        if (mode != TableMode.SHARDED && fields.containsKey("shardKey")) {
            throw new CatalogException(at(sourceName, fields.get("shardKey")) + mode.auroraName() + " table " + tableName
                    + " cannot have a shardKey; remove it or use mode: sharded");
        }
        String collocate = optionalScalar(fields, "collocateWith", sourceName);
        TableName collocateWith = null;
        if (collocate != null) {
            try {
                collocateWith = TableName.parse(collocate, tableName.schema());
            } catch (IllegalArgumentException e) {
                throw new CatalogException(at(sourceName, fields.get("collocateWith")) + e.getMessage());
            }
        }
        List<String> types = new ArrayList<>();
        Node typesNode = fields.get("shardKeyTypes");
        if (typesNode != null) {
            if (!(typesNode instanceof SequenceNode sequence)) {
                throw new CatalogException(at(sourceName, typesNode) + "shardKeyTypes must be a list of PostgreSQL types in"
                        + " key order, e.g. [bigint]");
            }
            for (Node item : sequence.getValue()) {
                if (!(item instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
                    throw new CatalogException(at(sourceName, item) + "shardKeyTypes entries must be type names, e.g. bigint");
                }
                types.add(scalar.getValue().strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        TableDefinition definition;
        try {
            definition = new TableDefinition(tableName, mode, shardKey, collocateWith, where, types);
        } catch (CatalogException e) {
            throw new CatalogException(where + ": " + e.getMessage());
        }
        DeclaredNames.check(definition);
        return definition;
    }

    private static List<String> shardKey(Node node, String sourceName) {
        if (node == null) {
            return List.of();
        }
        List<String> columns = new ArrayList<>();
        if (node instanceof ScalarNode scalar) {
            columns.add(column(scalar, sourceName));
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (!(item instanceof ScalarNode scalar)) {
                    throw new CatalogException(at(sourceName, item) + "shardKey entries must be column names");
                }
                columns.add(column(scalar, sourceName));
            }
        } else {
            throw new CatalogException(at(sourceName, node) + "shardKey must be a list of column names, e.g. [account_id]");
        }
        return columns;
    }

    private static String column(ScalarNode scalar, String sourceName) {
        try {
            return TableName.identifier(scalar.getValue());
        } catch (IllegalArgumentException e) {
            throw new CatalogException(at(sourceName, scalar) + e.getMessage());
        }
    }

    private static Map<String, Node> mapping(Node node, String sourceName, String what) {
        if (!(node instanceof MappingNode mapping)) {
            throw new CatalogException(at(sourceName, node) + what + " must be a mapping of keys to values");
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new CatalogException(at(sourceName, tuple.getKeyNode()) + "keys must be plain words");
            }
            if (fields.put(key.getValue(), tuple.getValueNode()) != null) {
                throw new CatalogException(at(sourceName, key) + "'" + key.getValue() + "' appears twice");
            }
        }
        return fields;
    }

    private static String requiredScalar(Map<String, Node> fields, String key, String sourceName, Node owner) {
        String value = optionalScalar(fields, key, sourceName);
        if (value == null || value.isBlank()) {
            throw new CatalogException(at(sourceName, owner) + "a table entry needs '" + key + ":'");
        }
        return value;
    }

    private static String optionalScalar(Map<String, Node> fields, String key, String sourceName) {
        Node node = fields.get(key);
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw new CatalogException(at(sourceName, node) + "'" + key + "' must be a single value");
        }
        return scalar.getValue();
    }

    private static String at(String sourceName, Node node) {
        return sourceName + ":" + (node.getStartMark().getLine() + 1) + ": ";
    }
}
