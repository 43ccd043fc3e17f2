package dev.limitless.guard;

import dev.limitless.catalog.TableDefinition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bind parameters of one prepared statement that stand for shard-key values, and whether what was bound to them
 * keeps the statement on one shard. The text {@code customer_id = ?} pins a shard only when the driver sends the
 * value with the key column's type: PgJDBC sends a {@code BigDecimal} as numeric and a {@code double} as float8,
 * and PostgreSQL then casts the bigint key column, prunes nothing and reads every shard. Not thread-safe (one per
 * statement, like the statement).
 */
public final class KeyBindings {

    private static final Pattern PARAMETER = Pattern.compile("\\?(\\d+)");

    private final ShardScopeGuard guard;
    private final Verdict verdict;
    /** By parameter index: the key column's type class, or {@code null} for a parameter that is no key value. */
    private final String[] keyClasses;
    private final String[] keyColumns;
    /** Key parameters bound with a type that casts the key column; allocated at the first such bind. */
    private BitSet casting;

    private KeyBindings(ShardScopeGuard guard, Verdict verdict, String[] keyClasses, String[] keyColumns) {
        this.guard = guard;
        this.verdict = verdict;
        this.keyClasses = keyClasses;
        this.keyColumns = keyColumns;
    }

    /** For a statement the guard analyzed once: by parameter index, the key column's type class and name. */
    record Template(String[] keyClasses, String[] keyColumns) {
    }

    /** A statement's key parameters, told what is bound to them. */
    static KeyBindings of(ShardScopeGuard guard, Verdict verdict, Template template) {
        return template == null ? null : new KeyBindings(guard, verdict, template.keyClasses(), template.keyColumns());
    }

    /** The key parameters of an analysis, or {@code null} when it has none (most statements: no cost). */
    static Template template(ShardScopeGuard guard, StatementAnalysis analysis) {
        if (analysis.shardKeyValues().isEmpty() || !analysis.parts().isEmpty() || "insert".equals(analysis.operation())) {
            return null; // an INSERT assigns the value to the column: any numeric type is cast to the key's, not the reverse
        }
        String[] classes = null;
        String[] columns = null;
        for (ShardKeyValue value : analysis.shardKeyValues()) {
            Matcher matcher = PARAMETER.matcher(value.value());
            TableDefinition table = guard.catalog().find(value.table()).orElse(null);
            if (!matcher.matches() || table == null) {
                continue;
            }
            int index = Integer.parseInt(matcher.group(1));
            if (index < 1 || index > 10_000) {
                continue;
            }
            int position = table.shardKey().indexOf(value.column());
            if (classes == null || index >= classes.length) {
                classes = classes == null ? new String[index + 1] : java.util.Arrays.copyOf(classes, index + 1);
                columns = columns == null ? new String[index + 1] : java.util.Arrays.copyOf(columns, index + 1);
            }
            classes[index] = TypeClass.ofColumn(position < 0 ? null : table.shardKeyType(position));
            columns[index] = value.table() + "." + value.column();
        }
        return classes == null ? null : new Template(classes, columns);
    }

    /** A value was bound to parameter {@code index} (1-based). */
    public void bound(int index, Object value) {
        bound(index, value == null ? null : classOf(value));
    }

    /** A value was bound to parameter {@code index} with an explicit {@link Types} code. */
    public void boundAs(int index, int sqlType) {
        bound(index, switch (sqlType) {
            case Types.NUMERIC, Types.DECIMAL -> TypeClass.NUMERIC;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> TypeClass.FLOAT;
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> TypeClass.INTEGER;
            default -> TypeClass.ADAPTS;
        });
    }

    private void bound(int index, String valueClass) {
        if (index <= 0 || index >= keyClasses.length || keyClasses[index] == null) {
            return;
        }
        if (valueClass == null || TypeClass.compatible(keyClasses[index], valueClass)) {
            if (casting != null) {
                casting.clear(index); // NULL matches nothing; a compatible type keeps the pin
            }
        } else {
            if (casting == null) {
                casting = new BitSet();
            }
            casting.set(index);
        }
    }

    /**
     * Before the statement runs: a key parameter bound with a type that casts the key column makes it read every
     * shard, which the policy for SCATTER then decides (the statement's hint and a {@link ShardScope} opt in).
     *
     * @throws ShardScopeException naming the parameter, the key column and the setter to use instead
     */
    public void check() throws ShardScopeException {
        if (casting != null && !casting.isEmpty()) {
            int index = casting.nextSetBit(0);
            guard.checkCastingBind(verdict, "parameter " + index + " is bound with a Java type the driver sends as "
                    + keyDescription(index) + ", which makes PostgreSQL cast shard-key column " + keyColumns[index]
                    + " and read every shard: bind it with the key column's own type (setLong/setInt for an integer key)");
        }
    }

    private String keyDescription(int index) {
        return switch (keyClasses[index]) {
            case TypeClass.TEXT -> "something other than text";
            default -> "numeric or float";
        };
    }

    private static String classOf(Object value) {
        if (value instanceof BigDecimal || value instanceof BigInteger) {
            return TypeClass.NUMERIC; // PgJDBC sends both as numeric
        }
        if (value instanceof Double || value instanceof Float) {
            return TypeClass.FLOAT;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return TypeClass.INTEGER;
        }
        if (value instanceof java.util.UUID) {
            return TypeClass.UUID;
        }
        return TypeClass.ADAPTS; // strings and other objects: sent as text or unspecified, never casting the key up
    }
}
