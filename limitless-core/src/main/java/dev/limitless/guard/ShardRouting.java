package dev.limitless.guard;

import dev.limitless.catalog.ShardCatalog;
import dev.limitless.catalog.TableDefinition;
import dev.limitless.catalog.TableMode;
import dev.limitless.catalog.TableName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Decides the route of one parsed statement against the catalog, following Limitless routing: every occurrence of a
 * sharded table must be pinned by an equality on its full shard key to values (literals, parameters, immutable
 * expressions of those), or by an explicit equality on the key to an occurrence that is pinned.
 *
 * <p>Every table occurrence, in every block (select, set-operation branch, CTE, subquery, DML target), is one node;
 * conditions give nodes value sets, key equalities give edges along which values flow (both ways for inner
 * conditions, from the preserved to the nullable side for outer joins, from outer to inner for correlated
 * subqueries). A node left without values reads every shard. Used once per statement: not thread-safe.
 */
final class ShardRouting {

    /** Marks a value set that is bounded but not known from the text ({@code = ANY(?)}, rows of INSERT ... SELECT). */
    private static final String UNBOUNDED = "\u0000unbounded";
    /** Prefix of the key of an inserted row whose key the text does not spell (e.g. {@code gen_random_uuid()}). */
    private static final String ROW = "\u0000row";

    private final ShardCatalog catalog;
    private final List<String> searchPath;
    private final int fanOutLimit;

    private final List<Occurrence> occurrences = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    /** Edges that hold only when the source is restricted by the WHERE clause (which turns an outer join inner). */
    private final List<OuterEdge> outerJoinEdges = new ArrayList<>();
    private final Set<Select> semiJoins = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Every query block the routing followed; the others are routed on their own afterwards. */
    private final Set<Select> visitedSelects = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Select> antiJoins = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Select, Block> subqueryBlocks = new IdentityHashMap<>();
    private final Set<TableName> tables = new LinkedHashSet<>();
    private final List<String> reasons = new ArrayList<>();
    private final List<ShardKeyValue> keyValues = new ArrayList<>();
    private StatementAnalysis.Violation violation;
    private int rowCounter;

    private final Map<String, Integer> nameCounts = new HashMap<>();
    private final Map<String, Integer> cteMentions = new HashMap<>();
    /** Occurrences compared with a key value of a type that casts the key column: the reason says so. */
    private final Map<Occurrence, String> castValues = new IdentityHashMap<>();

    private ShardRouting(ShardCatalog catalog, List<String> searchPath, int fanOutLimit) {
        this.catalog = catalog;
        this.searchPath = searchPath;
        this.fanOutLimit = fanOutLimit;
    }

    /**
     * @param cteMentions how often each CTE name was defined or referenced (a CTE may shadow a sharded table's name)
     * @param occurrencesByTable how many occurrences of each sharded table the routing accounted for: the analyzer
     *     compares them with the text's own mentions and refuses what the routing did not see
     */
    record Result(String operation, Route route, List<TableName> tables, List<String> reasons,
            List<ShardKeyValue> keyValues, boolean namesShardedTable, StatementAnalysis.Violation violation,
            Map<TableName, Integer> occurrencesByTable, Map<String, Integer> cteMentions, boolean misread) {
    }

    /**
     * @param names the identifier chains of the text ({@link SqlText#names}), to count how often a CTE is named
     * @param deep whether to walk the whole syntax tree for subqueries the routing does not reach and for JSON
     *     operators the parser misread (costly: for texts that need it)
     */
    static Result route(Statement statement, ShardCatalog catalog, List<String> searchPath, int fanOutLimit,
            List<List<String>> names, boolean deep) {
        ShardRouting routing = new ShardRouting(catalog, searchPath, fanOutLimit);
        for (List<String> name : names) {
            if (name.size() == 1) {
                routing.nameCounts.merge(name.get(0), 1, Integer::sum);
            }
        }
        String operation = routing.statement(statement, null);
        if (deep) {
            routing.unvisitedSubqueries(statement);
        }
        return routing.finish(operation);
    }

    /**
     * Subqueries in clauses the routing does not follow (OFFSET, DISTINCT ON, window definitions, special-syntax
     * functions, function arguments in FROM, ...): found by walking the whole syntax tree, each is routed as a block
     * of its own, its tables pinned only by its own conditions. A JSON operator whose right operand swallowed an
     * AND, OR or comparison is JSqlParser reading the precedence wrongly. The walk reflects over JSqlParser's node
     * classes, so it runs only when the routing needs it ({@code deep}).
     */
    private void unvisitedSubqueries(Statement statement) {
        List<Select> selects = new ArrayList<>();
        try {
            SyntaxTree.walk(statement, selects, this);
        } catch (RuntimeException | StackOverflowError e) {
            return; // the mention cross-check still refuses what the routing did not see
        }
        for (Select subquery : selects) {
            if (!visitedSelects.contains(subquery)
                    && !(subquery instanceof ParenthesedSelect p && visitedSelects.contains(p.getSelect()))) {
                select(subquery, new Block(null));
            }
        }
    }

    /** Whether the parse is known to be wrong (then the statement is UNKNOWN whatever the routing says). */
    private boolean misread;

    /** A walk over every node of a JSqlParser tree, by reflection over its fields (JSqlParser's visitors skip some). */
    private static final class SyntaxTree {
        private static final ClassValue<java.lang.reflect.Field[]> FIELDS = new ClassValue<>() {
            @Override
            protected java.lang.reflect.Field[] computeValue(Class<?> type) {
                List<java.lang.reflect.Field> fields = new ArrayList<>();
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    if (!c.getName().startsWith("net.sf.jsqlparser.")) {
                        continue;
                    }
                    for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                        if (!java.lang.reflect.Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()
                                && !field.getType().getName().startsWith("net.sf.jsqlparser.parser.")
                                && field.getType() != String.class) {
                            field.setAccessible(true);
                            fields.add(field);
                        }
                    }
                }
                return fields.toArray(new java.lang.reflect.Field[0]);
            }
        };

        static void walk(Object root, List<Select> selects, ShardRouting routing) {
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            java.util.ArrayDeque<Object> pending = new java.util.ArrayDeque<>();
            pending.push(root);
            while (!pending.isEmpty()) {
                Object node = pending.pop();
                if (node == null || !seen.add(node)) {
                    continue;
                }
                if (node instanceof java.util.Map.Entry<?, ?> entry) {
                    pushLater(pending, entry.getValue());
                    pushLater(pending, entry.getKey());
                    continue;
                }
                boolean ours = node.getClass().getName().startsWith("net.sf.jsqlparser.")
                        && !node.getClass().getName().startsWith("net.sf.jsqlparser.parser.");
                if (node instanceof Iterable<?> items && (ours || node instanceof java.util.Collection<?>)) {
                    List<Object> children = new ArrayList<>();
                    items.forEach(children::add);
                    for (int i = children.size() - 1; i >= 0; i--) {
                        pushLater(pending, children.get(i));
                    }
                }
                if (!ours) {
                    continue;
                }
                if (node instanceof Select select && node != root) {
                    selects.add(select);
                }
                if (node instanceof net.sf.jsqlparser.expression.JsonExpression json) {
                    for (Expression ident : json.getIdents()) {
                        routing.misread |= ident instanceof AndExpression || ident instanceof OrExpression
                                || ident instanceof net.sf.jsqlparser.expression.operators.relational.ComparisonOperator
                                || ident instanceof InExpression || ident instanceof NotExpression
                                || ident instanceof net.sf.jsqlparser.expression.operators.relational.IsNullExpression
                                || ident instanceof net.sf.jsqlparser.expression.operators.relational.LikeExpression
                                || ident instanceof net.sf.jsqlparser.expression.operators.relational.Between;
                    }
                }
                java.lang.reflect.Field[] fields = FIELDS.get(node.getClass());
                for (int i = fields.length - 1; i >= 0; i--) {
                    try {
                        pushLater(pending, fields[i].get(node));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }

        private static void pushLater(java.util.ArrayDeque<Object> pending, Object child) {
            if (child != null && !(child instanceof String) && !(child instanceof Number) && !(child instanceof Enum<?>)
                    && !(child instanceof Boolean) && !(child instanceof Character)) {
                pending.push(child);
            }
        }
    }

    // ---------------------------------------------------------------- statements and blocks

    private String statement(Statement statement, Block parent) {
        if (statement instanceof Select select) {
            select(select, parent);
            return "select";
        }
        if (statement instanceof Insert insert) {
            insert(insert, parent);
            return "insert";
        }
        if (statement instanceof Update update) {
            update(update, parent);
            return "update";
        }
        if (statement instanceof Delete delete) {
            delete(delete, parent);
            return "delete";
        }
        return "other";
    }

    private Block withItems(List<WithItem<?>> withItems, Block parent) {
        if (withItems == null || withItems.isEmpty()) {
            return parent;
        }
        Block scope = new Block(parent);
        for (WithItem<?> item : withItems) {
            // a CTE name is visible to later CTEs, to itself when recursive, and to the main statement
            String name = identifier(item.getAliasName());
            scope.cteNames.add(name);
            cteMentions.merge(name, 1, Integer::sum);
            Block cteScope = new Block(scope);
            Object body = item.getParenthesedStatement();
            if (body instanceof ParenthesedSelect select) {
                select(select, cteScope);
                // PostgreSQL inlines a CTE named once (not recursive, not MATERIALIZED) and pushes conditions into it
                if (select.getSelect() instanceof PlainSelect plain && !item.isRecursive() && !item.isMaterialized()
                        && pushable(plain) && stableAndUnlocked(plain) && cteScope.body != null
                        && nameCounts.getOrDefault(name, 0) == (hasColumnList(item) ? 1 : 2)) {
                    Item inlined = new Item(name, null, null, null);
                    inlined.derivedBody = cteScope.body;
                    inlined.derivedSelect = plain;
                    if (item.getWithItemList() != null && !item.getWithItemList().isEmpty()) {
                        inlined.aliasColumns = item.getWithItemList().stream().map(c -> identifier(c.toString())).toList();
                    }
                    scope.inlinedCtes.put(name, inlined);
                }
            } else if (body instanceof ParenthesedInsert insert) {
                insert(insert.getInsert(), cteScope);
            } else if (body instanceof ParenthesedUpdate update) {
                update(update.getUpdate(), cteScope);
            } else if (body instanceof ParenthesedDelete delete) {
                delete(delete.getDelete(), cteScope);
            }
        }
        return scope;
    }

    private void select(Select select, Block parent) {
        visitedSelects.add(select);
        if (select instanceof ParenthesedSelect parenthesed) {
            visitedSelects.add(parenthesed.getSelect());
        }
        Block scope = withItems(select.getWithItemsList(), parent);
        if (select instanceof PlainSelect plain) {
            plainSelect(plain, scope);
        } else if (select instanceof SetOperationList set) {
            for (Select branch : set.getSelects()) {
                select(branch, new Block(scope));
            }
        } else if (select instanceof ParenthesedSelect parenthesed) {
            select(parenthesed.getSelect(), scope);
        } else if (select instanceof TableStatement table) {
            table(table.getTable(), new Block(scope)); // TABLE t reads all of t
        } else if (select instanceof Values values) {
            Block block = new Block(scope);
            subqueries(values.getExpressions(), block);
        }
        if (select.getOrderByElements() != null) {
            Block block = new Block(scope);
            for (OrderByElement order : select.getOrderByElements()) {
                subqueries(order.getExpression(), block);
            }
        }
    }

    private void plainSelect(PlainSelect select, Block parent) {
        Block block = new Block(parent);
        if (parent != null && parent.items.isEmpty() && parent.cteNames.isEmpty() && parent.body == null) {
            // the block of a subquery: its semi-join role passes to the select that fills it
            parent.body = block;
            block.semiJoinOf = parent.semiJoinOf;
            block.correlatedWith = parent.correlatedWith;
        }
        List<Occurrence> all = new ArrayList<>();
        if (select.getFromItem() != null) {
            fromItem(select.getFromItem(), block, all);
        }
        joins(select.getJoins(), block, all);
        condition(select.getWhere(), block, all, all, true);
        if (select.getSelectItems() != null) {
            for (SelectItem<?> item : select.getSelectItems()) {
                subqueries(item.getExpression(), block);
            }
        }
        subqueries(select.getHaving(), block);
        if (select.getGroupBy() != null && select.getGroupBy().getGroupByExpressionList() != null) {
            subqueries(select.getGroupBy().getGroupByExpressionList(), block);
        }
        if (select.getOrderByElements() != null) {
            for (OrderByElement order : select.getOrderByElements()) {
                subqueries(order.getExpression(), block);
            }
        }
    }

    private void joins(List<Join> joins, Block block, List<Occurrence> all) {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            List<Occurrence> left = new ArrayList<>(all);
            List<Occurrence> right = new ArrayList<>();
            fromItem(join.getRightItem(), block, right);
            all.addAll(right);
            List<Occurrence> constrainable;
            List<Occurrence> sources;
            if (join.isFull()) {
                constrainable = List.of();
                sources = List.of();
            } else if (join.isLeft()) {
                constrainable = right;
                sources = all;
            } else if (join.isRight()) {
                constrainable = left;
                sources = all;
            } else {
                constrainable = all;
                sources = all;
            }
            for (Expression on : join.getOnExpressions()) {
                condition(on, block, constrainable, sources, false);
                if (join.isLeft() || join.isRight() || join.isFull()) {
                    for (KeyEquality equality : keyEqualities(on, block)) {
                        outerJoinEdges.add(new OuterEdge(new Edge(equality.first, equality.second, equality.position), block));
                        outerJoinEdges.add(new OuterEdge(new Edge(equality.second, equality.first, equality.position), block));
                    }
                }
            }
            List<String> joinColumns = new ArrayList<>();
            if (join.getUsingColumns() != null) {
                for (Column column : join.getUsingColumns()) {
                    joinColumns.add(identifier(column.getColumnName()));
                }
            }
            if (join.isNatural()) {
                // NATURAL joins on every common column, so on shard-key columns of the same name
                for (Occurrence r : right) {
                    joinColumns.addAll(r.definition.shardKey());
                }
            }
            if (!join.isFull()) {
                // the merged column of USING / NATURAL is the left table's column (the right's for RIGHT JOIN)
                block.usingColumns.addAll(joinColumns);
            }
            if (!joinColumns.isEmpty()) {
                for (String name : joinColumns) {
                    for (Occurrence r : right) {
                        for (Occurrence l : left) {
                            int rp = r.keyPosition(name);
                            int lp = l.keyPosition(name);
                            // through a derived table, the names USING and NATURAL join on may be other columns
                            if (rp >= 0 && lp >= 0 && rp == lp && block.owns(r) && block.owns(l)) {
                                if (constrainable.contains(r)) {
                                    edges.add(new Edge(l, r, rp));
                                }
                                if (constrainable.contains(l)) {
                                    edges.add(new Edge(r, l, lp));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private void fromItem(FromItem item, Block block, List<Occurrence> added) {
        if (item instanceof Table table) {
            Occurrence occurrence = table(table, block);
            if (occurrence != null) {
                added.add(occurrence);
            }
            Item registered = block.items.get(block.items.size() - 1);
            if (registered.derivedBody != null) {
                for (Item inner : registered.derivedBody.items) {
                    if (inner.occurrence != null) {
                        added.add(inner.occurrence);
                    }
                }
            }
        } else if (item instanceof ParenthesedFromItem parenthesed) {
            fromItem(parenthesed.getFromItem(), block, added);
            List<Occurrence> inner = new ArrayList<>(added);
            joins(parenthesed.getJoins(), block, inner);
            for (Occurrence occurrence : inner) {
                if (!added.contains(occurrence)) {
                    added.add(occurrence);
                }
            }
            if (parenthesed.getAlias() != null) {
                block.items.add(new Item(identifier(parenthesed.getAlias().getName()), null, null, null));
            }
        } else if (item instanceof Select subquery) {
            // derived table (or LATERAL): its own block; outer conditions reach its key columns only where
            // PostgreSQL pushes them down (see derivedKey)
            Block wrapper = new Block(block);
            select(subquery, wrapper);
            Item derived = new Item(subquery.getAlias() == null ? null : identifier(subquery.getAlias().getName()), null, null, null);
            derived.derivedBody = subquery instanceof ParenthesedSelect p && p.getSelect() instanceof PlainSelect plain
                    && pushable(plain) && !(subquery instanceof LateralSubSelect)
                    ? wrapper.body : null;
            if (renamesColumns(subquery.getAlias())) {
                derived.aliasColumns = subquery.getAlias().getAliasColumns().stream().map(c -> identifier(c.name)).toList();
            }
            derived.derivedSelect = derived.derivedBody == null ? null : (PlainSelect) ((ParenthesedSelect) subquery).getSelect();
            block.items.add(derived);
            if (derived.derivedBody != null) {
                for (Item inner : derived.derivedBody.items) {
                    if (inner.occurrence != null) {
                        added.add(inner.occurrence); // pushed-down conditions restrict them like the outer block's own
                    }
                }
            }
        } else if (item != null) {
            // table functions and the like: opaque
            block.items.add(new Item(item.getAlias() == null ? null : identifier(item.getAlias().getName()), null, null, null));
            if (item instanceof Expression expression) {
                subqueries(expression, block);
            }
        }
    }

    /** Registers a table reference; returns its occurrence when it is a sharded table. */
    /** The target of UPDATE or DELETE: always a table, never a CTE of the same name (PostgreSQL's rule). */
    private void target(Table table, Block block, List<Occurrence> added) {
        if (table == null) {
            return;
        }
        Occurrence occurrence = table(table, block, false);
        if (occurrence != null) {
            added.add(occurrence);
        }
    }

    private Occurrence table(Table table, Block block) {
        return table(table, block, true);
    }

    private Occurrence table(Table table, Block block, boolean cteVisible) {
        String name = identifier(table.getName());
        String schema = table.getSchemaName() == null ? null : identifier(table.getSchemaName());
        String alias = table.getAlias() == null ? null : identifier(table.getAlias().getName());
        if (cteVisible && schema == null && block.isCte(name)) {
            cteMentions.merge(name, 1, Integer::sum);
            Item inlined = block.inlinedCte(name);
            Item item = new Item(alias == null ? name : alias, null, null, null);
            if (inlined != null) {
                item.derivedBody = inlined.derivedBody;
                item.derivedSelect = inlined.derivedSelect;
                item.aliasColumns = inlined.aliasColumns;
            }
            block.items.add(item);
            return null;
        }
        TableDefinition definition = catalog.resolve(schema, name, searchPath).orElse(null);
        TableName resolved = definition != null ? definition.name()
                : new TableName(schema != null ? schema : searchPath.isEmpty() ? catalog.defaultSchema() : searchPath.get(0), name);
        tables.add(resolved);
        Occurrence occurrence = definition != null && definition.isSharded() ? newOccurrence(definition) : null;
        if (occurrence != null && renamesColumns(table.getAlias())) {
            // FROM t AS x(a, b) renames t's columns by position: followed when the catalog knows t's columns, else no
            // column of this occurrence is taken for a key column
            List<String> columns = definition.columns();
            List<net.sf.jsqlparser.expression.Alias.AliasColumn> aliases = table.getAlias().getAliasColumns();
            if (columns.isEmpty() || aliases.size() > columns.size()) {
                occurrence.renamed = true;
            } else {
                occurrence.renames = new HashMap<>();
                occurrence.hidden = new HashSet<>();
                for (int i = 0; i < aliases.size(); i++) {
                    occurrence.renames.put(identifier(aliases.get(i).name), columns.get(i));
                    occurrence.hidden.add(columns.get(i));
                }
            }
        }
        if (alias != null) {
            cteMentions.merge(alias, 1, Integer::sum); // an alias may carry a sharded table's name
        }
        block.items.add(new Item(alias, resolved, definition, occurrence));
        return occurrence;
    }

    /** A CTE with a column list: its name is followed by a parenthesis, so the lexer does not count it as a name. */
    private static boolean hasColumnList(WithItem<?> item) {
        return item.getWithItemList() != null && !item.getWithItemList().isEmpty();
    }

    private static boolean renamesColumns(net.sf.jsqlparser.expression.Alias alias) {
        return alias != null && alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty();
    }

    private Occurrence newOccurrence(TableDefinition definition) {
        Occurrence occurrence = new Occurrence(definition, occurrences.size());
        occurrences.add(occurrence);
        return occurrence;
    }

    private void insert(Insert insert, Block parent) {
        Block scope = withItems(insert.getWithItemsList(), parent);
        Table target = insert.getTable();
        Block targetBlock = new Block(scope);
        String name = identifier(target.getName());
        String schema = target.getSchemaName() == null ? null : identifier(target.getSchemaName());
        TableDefinition definition = catalog.resolve(schema, name, searchPath).orElse(null);
        TableName resolved = definition != null ? definition.name()
                : new TableName(schema != null ? schema : searchPath.isEmpty() ? catalog.defaultSchema() : searchPath.get(0), name);
        tables.add(resolved);
        Select source = insert.getSelect();
        if (source != null) {
            select(source, scope);
        }
        if (definition == null || !definition.isSharded()) {
            conflictAction(insert, definition, targetBlock, resolved);
            return;
        }
        Occurrence occurrence = newOccurrence(definition);
        occurrence.origin = "INSERT target";
        List<String> columns = new ArrayList<>();
        if (insert.getColumns() != null) {
            for (Column column : insert.getColumns()) {
                columns.add(identifier(column.getColumnName()));
            }
        }
        List<String> missing = new ArrayList<>();
        if (source == null || !columns.isEmpty()) {
            for (String key : definition.shardKey()) {
                if (!columns.contains(key)) {
                    missing.add(key);
                }
            }
        }
        if (!missing.isEmpty()) {
            violation = new StatementAnalysis.Violation(StatementAnalysis.Violation.Kind.INSERT_WITHOUT_SHARD_KEY,
                    definition.name(), definition.shardKey(), "the INSERT into sharded table " + definition.name()
                    + " does not supply shard-key column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
            occurrence.values = Set.of(ROW + (++rowCounter));
        } else {
            occurrence.values = insertedKeys(source, columns, definition);
        }
        conflictAction(insert, definition, targetBlock, resolved);
    }

    /** The shard-key tuples an INSERT writes: one per VALUES row, unbounded for a query. */
    private Set<String> insertedKeys(Select source, List<String> columns, TableDefinition definition) {
        Values values = source instanceof Values v ? v
                : source instanceof ParenthesedSelect p && p.getSelect() instanceof Values v2 ? v2 : null;
        PlainSelect oneRow = source instanceof PlainSelect plain && plain.getFromItem() == null ? plain : null;
        List<List<Expression>> rows = new ArrayList<>();
        if (values != null) {
            ExpressionList<?> list = values.getExpressions();
            boolean multiRow = !list.isEmpty() && list.stream().allMatch(e -> e instanceof ExpressionList<?>);
            if (multiRow) {
                for (Expression row : list) {
                    rows.add(new ArrayList<>((ExpressionList<?>) row));
                }
            } else {
                rows.add(new ArrayList<>(list));
            }
        } else if (oneRow != null) {
            List<Expression> row = new ArrayList<>();
            for (SelectItem<?> item : oneRow.getSelectItems()) {
                row.add(item.getExpression());
            }
            rows.add(row);
        } else {
            return Set.of(UNBOUNDED);
        }
        Set<String> tuples = new LinkedHashSet<>();
        for (List<Expression> row : rows) {
            StringBuilder tuple = new StringBuilder();
            for (String key : definition.shardKey()) {
                int position = columns.isEmpty() ? -1 : columns.indexOf(key);
                String value = position >= 0 && position < row.size() ? valueId(row.get(position)) : null;
                if (value != null && rows.size() <= 16) {
                    keyValues.add(new ShardKeyValue(definition.name(), key, value));
                }
                tuple.append(tuple.isEmpty() ? "" : ", ").append(value == null ? ROW + (++rowCounter) : value);
            }
            tuples.add(tuple.toString());
        }
        return tuples;
    }

    private void conflictAction(Insert insert, TableDefinition definition, Block block, TableName resolved) {
        InsertConflictAction action = insert.getConflictAction();
        if (action != null && action.getUpdateSets() != null) {
            checkAssignments(action.getUpdateSets(), definition, "ON CONFLICT DO UPDATE");
            for (UpdateSet set : action.getUpdateSets()) {
                subqueries(set.getValues(), block);
            }
            subqueries(action.getWhereExpression(), block);
        }
        if (insert.getReturningClause() != null) {
            for (SelectItem<?> item : insert.getReturningClause()) {
                subqueries(item.getExpression(), block);
            }
        }
    }

    private void update(Update update, Block parent) {
        Block scope = withItems(update.getWithItemsList(), parent);
        Block block = new Block(scope);
        List<Occurrence> all = new ArrayList<>();
        target(update.getTable(), block, all);
        TableDefinition target = block.items.isEmpty() ? null : block.items.get(0).definition;
        checkAssignments(update.getUpdateSets(), target, "UPDATE");
        if (update.getStartJoins() != null) {
            joins(update.getStartJoins(), block, all);
        }
        if (update.getFromItem() != null) {
            fromItem(update.getFromItem(), block, all);
        }
        joins(update.getJoins(), block, all);
        condition(update.getWhere(), block, all, all, true);
        for (UpdateSet set : update.getUpdateSets()) {
            subqueries(set.getValues(), block);
        }
        if (update.getReturningClause() != null) {
            for (SelectItem<?> item : update.getReturningClause()) {
                subqueries(item.getExpression(), block);
            }
        }
    }

    private void checkAssignments(List<UpdateSet> sets, TableDefinition target, String what) {
        if (target == null || !target.isSharded() || sets == null) {
            return;
        }
        for (UpdateSet set : sets) {
            for (Column column : set.getColumns()) {
                String name = identifier(column.getColumnName());
                if (target.shardKey().contains(name) && violation == null) {
                    violation = new StatementAnalysis.Violation(StatementAnalysis.Violation.Kind.SHARD_KEY_UPDATE,
                            target.name(), target.shardKey(), "the " + what + " assigns shard-key column " + name
                            + " of sharded table " + target.name());
                }
            }
        }
    }

    private void delete(Delete delete, Block parent) {
        Block scope = withItems(delete.getWithItemsList(), parent);
        Block block = new Block(scope);
        List<Occurrence> all = new ArrayList<>();
        target(delete.getTable(), block, all);
        if (delete.getUsingList() != null) {
            for (Table using : delete.getUsingList()) {
                fromItem(using, block, all);
            }
        }
        joins(delete.getJoins(), block, all);
        condition(delete.getWhere(), block, all, all, true);
        if (delete.getReturningClause() != null) {
            for (SelectItem<?> item : delete.getReturningClause()) {
                subqueries(item.getExpression(), block);
            }
        }
    }

    // ---------------------------------------------------------------- conditions

    /**
     * Applies a condition: value sets for the occurrences in {@code constrainable}, key edges from {@code sources}
     * (and from occurrences of enclosing blocks) to them, and separate blocks for subqueries inside it.
     */
    private void condition(Expression condition, Block block, List<Occurrence> constrainable, List<Occurrence> sources,
            boolean where) {
        if (condition == null) {
            return;
        }
        List<Expression> conjuncts = conjuncts(condition);
        for (Expression conjunct : conjuncts) {
            if (conjunct instanceof ExistsExpression exists && exists.getRightExpression() instanceof Select sub
                    && joinable(sub)) {
                (exists.isNot() ? antiJoins : semiJoins).add(sub);
            } else if (conjunct instanceof NotExpression not
                    && unwrap(not.getExpression()) instanceof ExistsExpression exists && !exists.isNot()
                    && exists.getRightExpression() instanceof Select sub && joinable(sub)) {
                antiJoins.add(sub);
            }
        }
        subqueries(condition, block);
        for (Expression conjunct : conjuncts) {
            if (conjunct instanceof InExpression in && !in.isNot() && in.getRightExpression() instanceof ParenthesedSelect sub
                    && joinable(sub) && sub.getSelect() instanceof PlainSelect inner && inner.getSelectItems() != null
                    && inner.getSelectItems().size() == 1 && subqueryBlocks.containsKey(sub)
                    && subqueryBlocks.get(sub).body != null) {
                KeyColumn outer = keyColumn(in.getLeftExpression(), block);
                KeyColumn selected = keyColumn(inner.getSelectItems().get(0).getExpression(), subqueryBlocks.get(sub).body);
                if (outer != null && selected != null && outer.position == selected.position
                        && constrainable.contains(outer.occurrence)) {
                    edges.add(new Edge(outer.occurrence, selected.occurrence, outer.position));
                    edges.add(new Edge(selected.occurrence, outer.occurrence, outer.position));
                }
            }
        }
        Map<Occurrence, KeySets> found = conjunction(condition, block);
        for (Map.Entry<Occurrence, KeySets> entry : found.entrySet()) {
            Occurrence occurrence = entry.getKey();
            if (!constrainable.contains(occurrence)) {
                continue;
            }
            Set<String> tuples = entry.getValue().tuples(occurrence.definition.shardKey().size());
            if (tuples != null && (occurrence.values == null || smaller(tuples, occurrence.values))) {
                occurrence.values = tuples;
                if (where) {
                    occurrence.whereBlocks.add(block);
                }
                entry.getValue().report(occurrence, keyValues);
            }
        }
        for (KeyEquality equality : keyEqualities(condition, block)) {
            if (constrainable.contains(equality.second) && (sources.contains(equality.first) || correlates(block, equality.first))) {
                edges.add(new Edge(equality.first, equality.second, equality.position));
            }
            if (constrainable.contains(equality.first) && (sources.contains(equality.second) || correlates(block, equality.second))) {
                edges.add(new Edge(equality.second, equality.first, equality.position));
            }
            // EXISTS / IN (subquery) become semi-joins: a restricted inner occurrence restricts the outer one too
            if (block.semiJoinOf != null && block.owns(equality.second) && block.semiJoinOf.owns(equality.first)) {
                edges.add(new Edge(equality.second, equality.first, equality.position));
            }
            if (block.semiJoinOf != null && block.owns(equality.first) && block.semiJoinOf.owns(equality.second)) {
                edges.add(new Edge(equality.first, equality.second, equality.position));
            }
        }
    }

    /**
     * Whether an occurrence of an enclosing block may pin one of {@code block} through a correlated key equality:
     * only for (NOT) EXISTS, which PostgreSQL and Limitless turn into joins. Other correlated subqueries (scalar,
     * LATERAL, IN with correlation) run once per outer row with the key unknown at plan time: every shard.
     */
    private static boolean correlates(Block block, Occurrence outer) {
        return !block.owns(outer) && block.correlatedWith != null && block.correlatedWith.owns(outer);
    }

    private static boolean smaller(Set<String> candidate, Set<String> current) {
        if (current.contains(UNBOUNDED)) {
            return !candidate.contains(UNBOUNDED);
        }
        return !candidate.contains(UNBOUNDED) && candidate.size() < current.size();
    }

    /** Per occurrence, the key values a condition restricts it to (top-level AND; OR when every branch restricts). */
    private Map<Occurrence, KeySets> conjunction(Expression condition, Block block) {
        Map<Occurrence, KeySets> found = new LinkedHashMap<>();
        for (Expression conjunct : conjuncts(condition)) {
            Expression unwrapped = unwrap(conjunct);
            if (unwrapped instanceof EqualsTo equals) {
                for (Expression[] pair : pairs(equals)) {
                    keyEquality(pair[0], pair[1], block, found);
                    keyEquality(pair[1], pair[0], block, found);
                }
            } else if (unwrapped instanceof InExpression in && !in.isNot() && !in.isGlobal()) {
                inList(in, block, found);
            } else if (unwrapped instanceof OrExpression or) {
                orBranches(or, block, found);
            }
        }
        return found;
    }

    private void keyEquality(Expression columnSide, Expression valueSide, Block block, Map<Occurrence, KeySets> found) {
        KeyColumn key = keyColumn(columnSide, block);
        if (key == null) {
            return;
        }
        Expression value = unwrap(valueSide);
        if (value instanceof AnyComparisonExpression) {
            return; // = ANY (subquery): values known only at run time
        }
        if (value instanceof Function all && "all".equalsIgnoreCase(all.getName()) && all.getParameters() != null
                && all.getParameters().size() == 1 && unwrap((Expression) all.getParameters().get(0)) instanceof ArrayConstructor array
                && array.getExpressions() != null && array.getExpressions().size() == 1) {
            value = unwrap(array.getExpressions().get(0)); // = ALL(ARRAY[v]) is = v
        }
        if (value instanceof Function function && isAnyOrSome(function)) {
            if (key.occurrence.definition.shardKey().size() > 1) {
                return; // hash partitions of a multi-column key are not pruned by = ANY (...), even of one element
            }
            Set<String> listed = arrayValues(function, key);
            if (listed != null) {
                found.computeIfAbsent(key.occurrence, o -> new KeySets()).put(key.position, key.column, listed);
            }
            return;
        }
        String id = valueId(value);
        if (id != null && !pins(key, value)) {
            String type = TypeClass.ofValue(value);
            castValues.put(key.occurrence, type == null ? "another type" : type);
        }
        if (id != null && pins(key, value)) {
            found.computeIfAbsent(key.occurrence, o -> new KeySets()).put(key.position, key.column, Set.of(id));
        }
    }

    private static boolean isAnyOrSome(Function function) {
        String name = function.getName() == null ? "" : function.getName().toLowerCase(Locale.ROOT);
        return (name.equals("any") || name.equals("some")) && function.getParameters() != null
                && function.getParameters().size() == 1;
    }

    /**
     * The values of {@code ANY(ARRAY[...])} or {@code ANY('{...}')}; {@link #UNBOUNDED} for an array parameter
     * ({@code ANY(?)}); {@code null} (no restriction the guard can prove) for anything else: columns, subqueries,
     * functions such as {@code string_to_array}.
     */
    private Set<String> arrayValues(Function function, KeyColumn key) {
        Expression argument = unwrap((Expression) function.getParameters().get(0));
        if (argument instanceof CastExpression cast && cast.getLeftExpression() != null
                && isParameter(unwrap(cast.getLeftExpression()))) {
            return Set.of(UNBOUNDED);
        }
        if (isParameter(argument)) {
            return Set.of(UNBOUNDED);
        }
        if (argument instanceof ArrayConstructor array && array.getExpressions() != null) {
            Set<String> ids = new LinkedHashSet<>();
            if (!arrayElements(array, key, ids)) {
                return null;
            }
            return ids.isEmpty() ? null : ids;
        }
        if (argument instanceof CastExpression cast && unwrap(cast.getLeftExpression()) instanceof StringValue
                && cast.getColDataType() != null && TypeClass.compatible(
                        TypeClass.ofColumn(key.occurrence.definition.shardKeyType(key.position)),
                        TypeClass.ofType(cast.getColDataType().toString().replace("[]", "")))) {
            argument = unwrap(cast.getLeftExpression());
        }
        if (argument instanceof StringValue literal) {
            String text = literal.getValue().strip();
            if (!text.startsWith("{") || !text.endsWith("}") || text.indexOf('{', 1) >= 0 || text.indexOf('"') >= 0) {
                return null;
            }
            Set<String> ids = new LinkedHashSet<>();
            for (String element : text.substring(1, text.length() - 1).split(",")) {
                if (element.isBlank()) {
                    return null;
                }
                ids.add("'" + element.strip() + "'");
            }
            return ids;
        }
        return null;
    }

    /** The values of an array constructor, nested ones flattened; NULL elements match nothing and are skipped. */
    private boolean arrayElements(ArrayConstructor array, KeyColumn key, Set<String> ids) {
        for (Expression element : array.getExpressions()) {
            Expression e = unwrap(element);
            if (e instanceof NullValue) {
                continue;
            }
            if (e instanceof ArrayConstructor nested && nested.getExpressions() != null) {
                if (!arrayElements(nested, key, ids)) {
                    return false;
                }
                continue;
            }
            String id = valueId(e);
            if (id == null || !pins(key, e)) {
                return false;
            }
            ids.add(id);
        }
        return true;
    }

    private static boolean isBooleanConstant(Expression expression) {
        String text = expression.toString().toLowerCase(Locale.ROOT);
        return text.equals("true") || text.equals("false");
    }

    private static String lower(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    private static boolean isParameter(Expression expression) {
        return expression instanceof JdbcParameter || expression instanceof JdbcNamedParameter;
    }

    /**
     * Whether PostgreSQL compares {@code value} with the key column without casting the column, which is what
     * partition pruning needs: {@code bigint_key = 7.0} casts the key to numeric and reads every shard.
     */
    private static boolean pins(KeyColumn key, Expression value) {
        String columnType = TypeClass.ofColumn(key.occurrence.definition.shardKeyType(key.position));
        String valueType = TypeClass.ofValue(value);
        return TypeClass.compatible(columnType, valueType);
    }

    private void inList(InExpression in, Block block, Map<Occurrence, KeySets> found) {
        Expression left = unwrap(in.getLeftExpression());
        Expression right = in.getRightExpression();
        if (!(right instanceof ExpressionList<?> list) || right instanceof Select) {
            return; // IN (subquery): values known only at run time
        }
        if (left instanceof ParenthesedExpressionList<?> columns && columns.size() > 1) {
            rowInList(columns, list, block, found);
            return;
        }
        KeyColumn key = keyColumn(left, block);
        if (key == null) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Expression element : list) {
            String id = valueId(element);
            if (id == null || !pins(key, element)) {
                return;
            }
            ids.add(id);
        }
        if (!ids.isEmpty()) {
            found.computeIfAbsent(key.occurrence, o -> new KeySets()).put(key.position, key.column, ids);
        }
    }

    /** {@code (a, b) IN ((1, 2), (3, 4))} on a multi-column key. */
    private void rowInList(ParenthesedExpressionList<?> columns, ExpressionList<?> rows, Block block, Map<Occurrence, KeySets> found) {
        List<KeyColumn> keys = new ArrayList<>();
        for (Expression column : columns) {
            keys.add(keyColumn(column, block));
        }
        Occurrence occurrence = null;
        for (KeyColumn key : keys) {
            if (key != null) {
                if (occurrence != null && occurrence != key.occurrence) {
                    return;
                }
                occurrence = key.occurrence;
            }
        }
        if (occurrence == null) {
            return;
        }
        int keySize = occurrence.definition.shardKey().size();
        Set<String> tuples = new LinkedHashSet<>();
        for (Expression row : rows) {
            if (!(row instanceof ExpressionList<?> values) || values.size() != keys.size()) {
                return;
            }
            String[] tuple = new String[keySize];
            for (int i = 0; i < keys.size(); i++) {
                KeyColumn key = keys.get(i);
                if (key != null) {
                    String id = valueId(values.get(i));
                    if (id == null || !pins(key, values.get(i))) {
                        return;
                    }
                    tuple[key.position] = id;
                }
            }
            for (String part : tuple) {
                if (part == null) {
                    return;
                }
            }
            tuples.add(String.join(", ", tuple));
        }
        KeySets sets = found.computeIfAbsent(occurrence, o -> new KeySets());
        sets.wholeTuples = tuples;
    }

    private void orBranches(OrExpression or, Block block, Map<Occurrence, KeySets> found) {
        List<Expression> branches = new ArrayList<>();
        disjuncts(or, branches);
        Map<Occurrence, Set<String>> union = null;
        for (Expression branch : branches) {
            Map<Occurrence, KeySets> branchFound = conjunction(branch, block);
            Map<Occurrence, Set<String>> pinned = new LinkedHashMap<>();
            for (Map.Entry<Occurrence, KeySets> entry : branchFound.entrySet()) {
                Set<String> tuples = entry.getValue().tuples(entry.getKey().definition.shardKey().size());
                if (tuples != null) {
                    pinned.put(entry.getKey(), tuples);
                }
            }
            if (union == null) {
                union = pinned;
            } else {
                union.keySet().retainAll(pinned.keySet());
                for (Map.Entry<Occurrence, Set<String>> entry : union.entrySet()) {
                    Set<String> merged = new LinkedHashSet<>(entry.getValue());
                    merged.addAll(pinned.get(entry.getKey()));
                    entry.setValue(merged);
                }
            }
        }
        if (union != null) {
            for (Map.Entry<Occurrence, Set<String>> entry : union.entrySet()) {
                KeySets sets = found.computeIfAbsent(entry.getKey(), o -> new KeySets());
                if (sets.wholeTuples == null || entry.getValue().size() < sets.wholeTuples.size()) {
                    sets.wholeTuples = entry.getValue();
                }
            }
        }
    }

    private List<KeyEquality> keyEqualities(Expression condition, Block block) {
        List<KeyEquality> found = new ArrayList<>();
        for (Expression conjunct : conjuncts(condition)) {
            if (unwrap(conjunct) instanceof EqualsTo equals) {
                for (Expression[] pair : pairs(equals)) {
                    KeyColumn left = keyColumn(pair[0], block);
                    KeyColumn right = keyColumn(pair[1], block);
                    if (left != null && right != null && left.occurrence != right.occurrence && left.position == right.position) {
                        found.add(new KeyEquality(left.occurrence, right.occurrence, left.position));
                    }
                }
            }
        }
        return found;
    }

    /** The sides of an equality; a row equality {@code (a, b) = (?, ?)} is one pair per column, as PostgreSQL reads it. */
    private static List<Expression[]> pairs(EqualsTo equals) {
        Expression left = rowOf(unwrap(equals.getLeftExpression()));
        Expression right = rowOf(unwrap(equals.getRightExpression()));
        if (left instanceof ParenthesedExpressionList<?> l && right instanceof ParenthesedExpressionList<?> r
                && l.size() == r.size() && l.size() > 1) {
            List<Expression[]> pairs = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                pairs.add(new Expression[] {l.get(i), r.get(i)});
            }
            return pairs;
        }
        return List.<Expression[]>of(new Expression[] {left, right});
    }

    /** {@code ROW(a, b)} as the plain row {@code (a, b)}. */
    private static Expression rowOf(Expression expression) {
        if (expression instanceof net.sf.jsqlparser.expression.RowConstructor<?> row && row.getExpressions() != null) {
            return new ParenthesedExpressionList<>(new ArrayList<Expression>(row.getExpressions()));
        }
        return expression;
    }

    private static List<Expression> conjuncts(Expression condition) {
        List<Expression> out = new ArrayList<>();
        collectConjuncts(condition, out);
        return out;
    }

    private static void collectConjuncts(Expression expression, List<Expression> out) {
        Expression e = unwrap(expression);
        if (e instanceof AndExpression and) {
            collectConjuncts(and.getLeftExpression(), out);
            collectConjuncts(and.getRightExpression(), out);
        } else if (e != null) {
            out.add(e);
        }
    }

    private static void disjuncts(Expression expression, List<Expression> out) {
        Expression e = unwrap(expression);
        if (e instanceof OrExpression or) {
            disjuncts(or.getLeftExpression(), out);
            disjuncts(or.getRightExpression(), out);
        } else {
            out.add(e);
        }
    }

    private static Expression unwrap(Expression expression) {
        Expression e = expression;
        while (true) {
            if (e instanceof Parenthesis parenthesis) {
                e = parenthesis.getExpression();
            } else if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1 && !(e instanceof Select)) {
                e = (Expression) list.get(0);
            } else {
                return e;
            }
        }
    }

    /** A bare shard-key column of a sharded occurrence; casts or functions of the column are not keys. */
    private KeyColumn keyColumn(Expression expression, Block block) {
        if (unwrap(expression) instanceof CastExpression cast && cast.getLeftExpression() != null
                && unwrap(cast.getLeftExpression()) instanceof Column && cast.getColDataType() != null) {
            // a text key cast to varchar (or any key cast to its own type) is relabelled, not converted: still the key
            KeyColumn key = keyColumn(cast.getLeftExpression(), block);
            if (key == null) {
                return null;
            }
            String columnType = key.occurrence.definition.shardKeyType(key.position);
            String target = cast.getColDataType().toString();
            boolean same = columnType != null && (TypeClass.ofType(columnType).equals(TypeClass.TEXT)
                    && target.strip().toLowerCase(Locale.ROOT).matches("text|varchar|character varying")
                    || columnType.strip().equalsIgnoreCase(target.strip()));
            return same ? key : null;
        }
        if (!(unwrap(expression) instanceof Column column)) {
            return null;
        }
        String name = identifier(column.getColumnName());
        Table qualifier = column.getTable();
        if (qualifier == null || qualifier.getName() == null) {
            // unqualified: only within the block itself, where PostgreSQL would call a second match ambiguous
            KeyColumn match = null;
            for (Item item : block.items) {
                KeyColumn candidate = item.occurrence != null && item.occurrence.keyPosition(name) >= 0
                        ? new KeyColumn(item.occurrence, item.occurrence.keyPosition(name), name) : derivedKey(item, name);
                if (candidate != null) {
                    if (match != null) {
                        // ambiguous in PostgreSQL too, unless it is the merged column of USING / NATURAL
                        if (block.usingColumns.contains(name)) {
                            continue;
                        }
                        return null;
                    }
                    match = candidate;
                }
            }
            if (match == null && block.parent != null && knowsEveryColumn(block, name)) {
                // no table of this block has the column: PostgreSQL takes it from the enclosing query (correlation)
                return keyColumn(expression, block.parent);
            }
            return match;
        }
        String qualifierName = identifier(qualifier.getName());
        String qualifierSchema = qualifier.getSchemaName() == null ? null : identifier(qualifier.getSchemaName());
        for (Block b = block; b != null; b = b.parent) {
            for (Item item : b.items) {
                if (item.matches(qualifierSchema, qualifierName)) {
                    if (item.occurrence == null) {
                        return derivedKey(item, name);
                    }
                    int position = item.occurrence.keyPosition(name);
                    return position < 0 ? null : new KeyColumn(item.occurrence, position, name);
                }
            }
        }
        return null;
    }

    /** Whether every FROM item of the block is a table whose columns the catalog knows, none of them named so. */
    private static boolean knowsEveryColumn(Block block, String name) {
        if (block.items.isEmpty()) {
            return false;
        }
        for (Item item : block.items) {
            if (item.definition == null || item.definition.columns().isEmpty() || item.derivedBody != null
                    || item.occurrence != null && (item.occurrence.renamed || item.occurrence.renames != null)
                    || item.definition.columns().contains(name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A key column seen through a derived table's output column, when PostgreSQL would push a condition on it down
     * into the subquery: the output is a bare key column of the subquery's own occurrence.
     */
    private KeyColumn derivedKey(Item item, String name) {
        if (item.derivedSelect == null || item.derivedBody == null) {
            return null;
        }
        if (item.aliasColumns != null) {
            int position = item.aliasColumns.indexOf(name);
            List<SelectItem<?>> selected = item.derivedSelect.getSelectItems();
            if (position < 0 || position >= selected.size()) {
                return null;
            }
            for (int i = 0; i <= position; i++) {
                if (selected.get(i).getExpression() instanceof AllColumns) {
                    return null; // * expands to columns the guard would have to count
                }
            }
            return keyColumn(selected.get(position).getExpression(), item.derivedBody);
        }
        for (SelectItem<?> selected : item.derivedSelect.getSelectItems()) {
            Expression expression = selected.getExpression();
            if (expression instanceof AllColumns
                    && !(expression instanceof AllTableColumns)) {
                KeyColumn key = keyColumn(new Column(name), item.derivedBody);
                if (key != null) {
                    return key;
                }
                continue;
            }
            String output = selected.getAlias() != null ? identifier(selected.getAlias().getName())
                    : expression instanceof Column column ? identifier(column.getColumnName()) : null;
            if (name.equals(output)) {
                return keyColumn(expression, item.derivedBody);
            }
        }
        return null;
    }

    /** Whether PostgreSQL pushes outer conditions into a derived table (no LIMIT, DISTINCT or window functions). */
    private static boolean pushable(PlainSelect select) {
        if (select.getLimit() != null || select.getOffset() != null || select.getFetch() != null
                || select.getDistinct() != null && select.getDistinct().getOnSelectItems() != null
                || select.getWithItemsList() != null && !select.getWithItemsList().isEmpty()) {
            return false;
        }
        if (select.getGroupBy() != null && (select.getGroupBy().getGroupingSets() != null
                && !select.getGroupBy().getGroupingSets().isEmpty() || GROUPING.matcher(select.getGroupBy().toString()).find())) {
            return false; // with grouping sets a grouping column may be NULL in some rows: no push-down
        }
        if (LOCKING.matcher(select.toString()).find()) {
            return false;
        }
        for (SelectItem<?> item : select.getSelectItems()) {
            if (item.getExpression() instanceof AnalyticExpression
                    || item.getExpression().toString().toUpperCase(Locale.ROOT).contains(" OVER ")) {
                return false;
            }
        }
        return true;
    }

    private static final java.util.regex.Pattern GROUPING =
            java.util.regex.Pattern.compile("\\b(ROLLUP|CUBE|GROUPING\\s+SETS)\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern LOCKING = java.util.regex.Pattern.compile(
            "\\bFOR\\s+(UPDATE|SHARE|NO\\s+KEY\\s+UPDATE|KEY\\s+SHARE)\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern CALL = java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_$.]*)\\s*\\(");
    /**
     * Functions (and key words followed by a parenthesis) known not to be volatile; any other call is taken as
     * volatile, which keeps PostgreSQL from inlining a CTE or pushing conditions into a subquery.
     */
    private static final Set<String> STABLE_CALLS = Set.of("select", "from", "where", "and", "or", "not", "in", "exists",
            "any", "some", "all", "as", "on", "join", "using", "values", "array", "row", "cast", "coalesce", "nullif",
            "greatest", "least", "count", "sum", "avg", "min", "max", "lower", "upper", "length", "abs", "round", "trunc",
            "floor", "ceil", "date_trunc", "extract", "substring", "substr", "trim", "btrim", "ltrim", "rtrim", "concat",
            "concat_ws", "array_agg", "string_agg", "json_agg", "jsonb_agg", "bool_and", "bool_or", "now",
            "current_timestamp", "to_char", "to_date", "to_timestamp", "by", "over", "partition", "filter", "case", "when",
            "then", "else", "is", "like", "ilike", "between", "distinct", "group", "order", "having", "with", "union",
            "intersect", "except", "lateral", "left", "right", "inner", "outer", "full", "cross", "natural", "limit",
            "offset", "fetch", "interval", "date", "timestamp", "numeric", "decimal", "varchar", "char", "character",
            "position", "overlay", "format", "replace", "split_part", "md5", "json_build_object", "jsonb_build_object",
            "row_number", "rank", "dense_rank", "lag", "lead", "first_value", "last_value", "=", "");

    /** Whether a subquery has no locking clause and calls no function that may be volatile. */
    private static boolean stableAndUnlocked(Select select) {
        String text = select.toString();
        if (LOCKING.matcher(text).find()) {
            return false;
        }
        java.util.regex.Matcher call = CALL.matcher(text);
        while (call.find()) {
            if (!STABLE_CALLS.contains(call.group(1).toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether PostgreSQL turns an EXISTS or IN subquery into a (semi or anti) join: a plain SELECT without
     * aggregates, grouping, HAVING, LIMIT/OFFSET, window functions, set operations, CTEs or locking.
     */
    private static boolean joinable(Select select) {
        Select inner = select instanceof ParenthesedSelect p ? p.getSelect() : select;
        if (!(inner instanceof PlainSelect plain) || plain.getGroupBy() != null || plain.getHaving() != null
                || plain.getLimit() != null && !positiveConstant(plain.getLimit().getRowCount())
                || plain.getOffset() != null || plain.getFetch() != null
                || plain.getWithItemsList() != null && !plain.getWithItemsList().isEmpty()
                || plain.getDistinct() != null && plain.getDistinct().getOnSelectItems() != null) {
            return false;
        }
        for (SelectItem<?> item : plain.getSelectItems()) {
            Expression expression = item.getExpression();
            if (!(expression instanceof AllColumns || expression instanceof Column || expression instanceof LongValue
                    || expression instanceof StringValue || expression instanceof NullValue)) {
                return false; // an aggregate or any other call in the select list may keep it a subplan
            }
        }
        return stableAndUnlocked(plain);
    }

    /** PostgreSQL drops {@code LIMIT n} with a constant n > 0 from an EXISTS subquery. */
    private static boolean positiveConstant(Expression expression) {
        return expression instanceof LongValue value && value.getValue() > 0;
    }

    /**
     * A stable identity for a value expression: literals as written, parameters by position or name, casts and
     * arithmetic of those; {@code null} for anything that is not a value known before execution (columns,
     * functions, subqueries).
     */
    private static String valueId(Expression expression) {
        Expression e = unwrap(expression);
        if (e instanceof Function function && TypeClass.FOLDED.contains(lower(function.getName()))
                && function.getParameters() != null && !function.getParameters().isEmpty()) {
            // an immutable function of values is folded to one value at plan time, and pruning uses it
            List<String> arguments = new ArrayList<>();
            for (Object argument : function.getParameters()) {
                String id = argument instanceof Expression a ? valueId(a) : null;
                if (id == null) {
                    return null;
                }
                arguments.add(id);
            }
            return lower(function.getName()) + "(" + String.join(", ", arguments) + ")";
        }
        if (e instanceof net.sf.jsqlparser.expression.CaseExpression caseExpression) {
            List<Expression> parts = new ArrayList<>();
            parts.add(caseExpression.getSwitchExpression());
            parts.add(caseExpression.getElseExpression());
            for (net.sf.jsqlparser.expression.WhenClause when : caseExpression.getWhenClauses()) {
                parts.add(when.getWhenExpression() instanceof BinaryExpression || when.getWhenExpression() instanceof Column
                        ? null : when.getWhenExpression());
                parts.add(when.getThenExpression());
            }
            for (Expression part : parts) {
                if (part != null && valueId(part) == null && !isBooleanConstant(part)) {
                    return null;
                }
            }
            if (parts.stream().skip(2).anyMatch(java.util.Objects::isNull)) {
                return null; // a condition on something other than a constant
            }
            return e.toString();
        }
        if (e instanceof net.sf.jsqlparser.expression.ArrayExpression subscript
                && unwrap(subscript.getObjExpression()) instanceof ArrayConstructor array && array.getExpressions() != null
                && subscript.getIndexExpression() != null && subscript.getStartIndexExpression() == null
                && valueId(subscript.getIndexExpression()) != null
                && array.getExpressions().stream().allMatch(element -> valueId(element) != null)) {
            return e.toString();
        }
        if (e instanceof JdbcParameter parameter) {
            String character = parameter.getParameterCharacter() == null ? "?" : parameter.getParameterCharacter();
            return character + (parameter.getIndex() == null ? "" : parameter.getIndex());
        }
        if (e instanceof JdbcNamedParameter named) {
            return ":" + named.getName();
        }
        if (e instanceof StringValue || e instanceof LongValue || e instanceof DoubleValue || e instanceof HexValue
                || e instanceof DateValue || e instanceof TimeValue || e instanceof TimestampValue) {
            return e.toString();
        }
        if (e instanceof NullValue) {
            return null; // key = NULL matches nothing, but it is no usable key either
        }
        if (e instanceof CastExpression cast) {
            if (cast.getLeftExpression() == null) {
                return null;
            }
            return valueId(cast.getLeftExpression());
        }
        if (e instanceof SignedExpression signed) {
            String inner = valueId(signed.getExpression());
            return inner == null ? null : signed.getSign() + inner;
        }
        if (e instanceof Addition || e instanceof Subtraction || e instanceof Multiplication || e instanceof Division
                || e instanceof Concat) {
            BinaryExpression binary = (BinaryExpression) e;
            String left = valueId(binary.getLeftExpression());
            String right = valueId(binary.getRightExpression());
            return left == null || right == null ? null : "(" + left + " " + binary.getStringExpression() + " " + right + ")";
        }
        return null;
    }

    /** Finds subqueries in an expression and analyzes each as a block nested in {@code block}. */
    private void subqueries(Expression expression, Block block) {
        if (expression == null) {
            return;
        }
        expression.accept(new SubqueryFinder(block), null);
    }

    private final class SubqueryFinder extends ExpressionVisitorAdapter<Void> {
        private final Block block;

        SubqueryFinder(Block block) {
            this.block = block;
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            Block inner = new Block(block);
            if (semiJoins.contains(select)) {
                inner.semiJoinOf = block;
                inner.correlatedWith = block;
            } else if (antiJoins.contains(select)) {
                inner.correlatedWith = block;
            }
            subqueryBlocks.put(select, inner);
            select(select.getSelect(), inner);
            return null;
        }

        @Override
        public <S> Void visit(Select select, S context) {
            if (select instanceof ParenthesedSelect parenthesed) {
                return visit(parenthesed, context);
            }
            select(select, new Block(block));
            return null;
        }

        @Override
        public <S> Void visit(AnyComparisonExpression any, S context) {
            select(any.getSelect(), new Block(block));
            return null;
        }
    }

    // ---------------------------------------------------------------- verdict

    private Result finish(String operation) {
        propagate();
        boolean namesSharded = !occurrences.isEmpty();
        Route route;
        if (occurrences.isEmpty()) {
            boolean anyStandard = false;
            boolean anyReference = false;
            for (TableName table : tables) {
                TableMode mode = catalog.modeOf(table);
                anyReference |= mode == TableMode.REFERENCE;
                anyStandard |= mode == TableMode.STANDARD;
            }
            route = anyReference && !anyStandard ? Route.REFERENCE : Route.STANDARD;
            reasons.add(tables.isEmpty() ? "names no table" : anyReference && !anyStandard
                    ? "reads only reference tables, answered on any shard" : "names no sharded table");
        } else {
            route = shardedRoute();
        }
        if (violation != null) {
            reasons.add(0, violation.detail());
        }
        List<TableName> ordered = new ArrayList<>();
        for (TableName table : tables) {
            if (catalog.modeOf(table) == TableMode.SHARDED) {
                ordered.add(table);
            }
        }
        for (TableName table : tables) {
            if (!ordered.contains(table)) {
                ordered.add(table);
            }
        }
        Map<TableName, Integer> counts = new HashMap<>();
        for (Occurrence occurrence : occurrences) {
            counts.merge(occurrence.definition.name(), 1, Integer::sum);
        }
        return new Result(operation, route, ordered, reasons, dedupe(keyValues), namesSharded, violation, counts,
                cteMentions, misread);
    }

    private static List<ShardKeyValue> dedupe(List<ShardKeyValue> values) {
        return new ArrayList<>(new LinkedHashSet<>(values));
    }

    private void propagate() {
        for (OuterEdge outer : outerJoinEdges) {
            // a WHERE condition of the join's own block on the nullable side turns the outer join into an inner one;
            // a condition inside a derived table on that side does not
            if (outer.edge.from.whereBlocks.contains(outer.block)) {
                edges.add(outer.edge);
            }
        }
        boolean changed = true;
        int rounds = 0;
        while (changed && rounds++ <= occurrences.size() + 1) {
            changed = false;
            Map<Long, Set<Integer>> covered = new LinkedHashMap<>();
            for (Edge edge : edges) {
                if (edge.from.values != null && edge.from.values.size() == 1 && !edge.from.values.contains(UNBOUNDED)
                        && edge.to.values == null) {
                    long pair = ((long) edge.from.index << 32) | edge.to.index;
                    covered.computeIfAbsent(pair, p -> new HashSet<>()).add(edge.position);
                }
            }
            for (Map.Entry<Long, Set<Integer>> entry : covered.entrySet()) {
                Occurrence from = occurrences.get((int) (entry.getKey() >>> 32));
                Occurrence to = occurrences.get((int) (long) entry.getKey());
                if (to.values == null && entry.getValue().size() == to.definition.shardKey().size()) {
                    to.values = from.values;
                    changed = true;
                }
            }
        }
    }

    private Route shardedRoute() {
        Route route = Route.SINGLE_SHARD;
        Set<String> allValues = new TreeSet<>();
        boolean unbounded = false;
        TableName group = null;
        boolean oneGroup = true;
        for (Occurrence occurrence : occurrences) {
            TableDefinition table = occurrence.definition;
            String key = String.join(", ", table.shardKey());
            if (occurrence.values == null) {
                route = Route.SCATTER;
                String cast = castValues.get(occurrence);
                reasons.add(table.name() + (occurrence.origin == null ? "" : " (" + occurrence.origin + ")")
                        + " has no equality on its full shard key (" + key + ") to a value or to a key-joined table"
                        + " that has one, so it is read on every shard" + (cast == null ? "" : " (a value compared with"
                        + " the key is " + cast + ", which makes PostgreSQL cast the key column and prune nothing: write"
                        + " or bind it with the key column's own type)"));
                continue;
            }
            if (occurrence.values.size() >= fanOutLimit) {
                route = Route.SCATTER;
                reasons.add(table.name() + " is restricted to " + occurrence.values.size() + " shard-key values, which can"
                        + " reach every shard (limit " + (fanOutLimit - 1) + ")");
                continue;
            }
            if (occurrence.values.contains(UNBOUNDED)) {
                unbounded = true;
            }
            allValues.addAll(occurrence.values);
            if (group == null) {
                group = table.name();
            } else if (!catalog.collocated(group, table.name())) {
                oneGroup = false;
            }
        }
        if (route == Route.SCATTER) {
            return route;
        }
        if (allValues.size() >= fanOutLimit) {
            reasons.add("the statement uses " + allValues.size() + " shard-key values, which can reach every shard");
            return Route.SCATTER;
        }
        if (unbounded || allValues.size() > 1 || !oneGroup) {
            reasons.add(unbounded ? "shard-key values come from an array or a query: a bounded set of shards"
                    : !oneGroup ? "tables of different collocation groups: one shard each"
                    : "shard key restricted to " + allValues.size() + " values: "
                    + String.join(" | ", allValues.stream().map(ShardRouting::display).toList()));
            return Route.MULTI_SHARD;
        }
        reasons.add("every sharded table is pinned to shard key " + display(allValues.iterator().next()));
        return Route.SINGLE_SHARD;
    }

    /** A key value for a message: parameters as written, literals hidden (they may be personal data). */
    private static String display(String value) {
        if (value.contains(ROW)) {
            return "(the inserted row's, computed at run time)";
        }
        char first = value.isEmpty() ? ' ' : value.charAt(0);
        return first == '?' || first == '$' || first == ':' ? value : "(a literal)";
    }

    // ---------------------------------------------------------------- names

    /** Normalizes an identifier as PostgreSQL stores it (quoted kept, unquoted folded); never throws. */
    static String identifier(String text) {
        if (text == null) {
            return "";
        }
        if (isPlainLowerCase(text)) {
            return text; // the common case, read without allocating
        }
        try {
            return TableName.identifier(text);
        } catch (IllegalArgumentException e) {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    /** Whether the text is an unquoted identifier PostgreSQL keeps as it is: {@code [a-z_][a-z0-9_$]*}. */
    private static boolean isPlainLowerCase(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        if (!(first >= 'a' && first <= 'z' || first == '_')) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$')) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- model

    private static final class Block {
        final Block parent;
        Block semiJoinOf;
        /** For (NOT) EXISTS subqueries, which PostgreSQL turns into joins: the block whose occurrences may pin ours. */
        Block correlatedWith;
        Block body;
        final Set<String> cteNames = new HashSet<>();
        /** Columns merged by USING or NATURAL joins of this block. */
        final Set<String> usingColumns = new HashSet<>();
        final Map<String, Item> inlinedCtes = new HashMap<>();
        final List<Item> items = new ArrayList<>();

        Block(Block parent) {
            this.parent = parent;
        }

        boolean isCte(String name) {
            for (Block b = this; b != null; b = b.parent) {
                if (b.cteNames.contains(name)) {
                    return true;
                }
            }
            return false;
        }

        /** The inlinable CTE of that name, if the nearest CTE of that name is one. */
        Item inlinedCte(String name) {
            for (Block b = this; b != null; b = b.parent) {
                if (b.cteNames.contains(name)) {
                    return b.inlinedCtes.get(name);
                }
            }
            return null;
        }

        boolean owns(Occurrence occurrence) {
            for (Item item : items) {
                if (item.occurrence == occurrence) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A FROM item of a block: a table (catalog definition and occurrence when sharded) or an opaque alias. */
    private static final class Item {
        final String alias;
        final TableName table;
        final TableDefinition definition;
        final Occurrence occurrence;
        Block derivedBody;
        PlainSelect derivedSelect;
        /** The column list of a derived table or CTE ({@code d(a, b)}), naming its outputs by position. */
        List<String> aliasColumns;

        Item(String alias, TableName table, TableDefinition definition, Occurrence occurrence) {
            this.alias = alias;
            this.table = table;
            this.definition = definition;
            this.occurrence = occurrence;
        }

        boolean matches(String schema, String name) {
            if (alias != null) {
                return schema == null && alias.equals(name);
            }
            if (table == null) {
                return false;
            }
            return table.name().equals(name) && (schema == null || table.schema().equals(schema));
        }
    }

    private static final class Occurrence {
        final TableDefinition definition;
        final int index;
        Set<String> values;
        String origin;
        /** The blocks whose WHERE clause restricts this occurrence. */
        final Set<Block> whereBlocks = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Whether an alias column list renamed its columns in a way the guard cannot follow. */
        boolean renamed;
        /** An alias column list the guard follows: new name to the table's column, and the names it hides. */
        Map<String, String> renames;
        Set<String> hidden;

        Occurrence(TableDefinition definition, int index) {
            this.definition = definition;
            this.index = index;
        }

        int keyPosition(String column) {
            if (renamed) {
                return -1;
            }
            if (renames != null) {
                String original = renames.get(column);
                if (original != null) {
                    return definition.shardKey().indexOf(original);
                }
                if (hidden.contains(column)) {
                    return -1; // renamed away: the old name no longer refers to this column
                }
            }
            return definition.shardKey().indexOf(column);
        }
    }

    private record Edge(Occurrence from, Occurrence to, int position) {
    }

    private record OuterEdge(Edge edge, Block block) {
    }

    private record KeyEquality(Occurrence first, Occurrence second, int position) {
    }

    private record KeyColumn(Occurrence occurrence, int position, String column) {
    }

    /** Value sets per key position found in one conjunction, or whole tuples from row IN lists and ORs. */
    private static final class KeySets {
        final Map<Integer, Set<String>> byPosition = new LinkedHashMap<>();
        final Map<Integer, String> columns = new LinkedHashMap<>();
        Set<String> wholeTuples;

        /** Two different restrictions of one key column in one conjunction: PostgreSQL's pruning may give up on it. */
        boolean conflicting;

        void put(int position, String column, Set<String> values) {
            Set<String> existing = byPosition.get(position);
            if (existing != null && !existing.equals(values)) {
                conflicting = true;
            }
            if (existing == null || smaller(values, existing)) {
                byPosition.put(position, values);
                columns.put(position, column);
            }
        }

        /** The key tuples, or {@code null} when some key column is not restricted. */
        Set<String> tuples(int keySize) {
            if (conflicting) {
                return null;
            }
            Set<String> fromColumns = null;
            if (byPosition.size() == keySize) {
                fromColumns = new LinkedHashSet<>();
                fromColumns.add("");
                for (int position = 0; position < keySize; position++) {
                    Set<String> values = byPosition.get(position);
                    if (keySize > 1 && values.size() > 1) {
                        fromColumns = null; // hash partitions of a multi-column key prune only on one value per column
                        break;
                    }
                    if (values.contains(UNBOUNDED)) {
                        fromColumns = Set.of(UNBOUNDED);
                        break;
                    }
                    Set<String> next = new LinkedHashSet<>();
                    for (String prefix : fromColumns) {
                        for (String value : values) {
                            next.add(prefix.isEmpty() ? value : prefix + ", " + value);
                            if (next.size() > 4096) {
                                return Set.of(UNBOUNDED);
                            }
                        }
                    }
                    fromColumns = next;
                }
            }
            if (wholeTuples != null && (fromColumns == null || fromColumns.isEmpty() || smaller(wholeTuples, fromColumns))) {
                return wholeTuples;
            }
            return fromColumns;
        }

        void report(Occurrence occurrence, List<ShardKeyValue> out) {
            for (Map.Entry<Integer, Set<String>> entry : byPosition.entrySet()) {
                if (entry.getValue().size() <= 16 && !entry.getValue().contains(UNBOUNDED)) {
                    for (String value : entry.getValue()) {
                        out.add(new ShardKeyValue(occurrence.definition.name(), columns.get(entry.getKey()), value));
                    }
                }
            }
        }
    }
}
