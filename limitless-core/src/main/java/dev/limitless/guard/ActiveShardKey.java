package dev.limitless.guard;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The value of Aurora Limitless' {@code rds_aurora.limitless_active_shard_key} for one unit of work: one value per
 * shard-key column, in key order. Immutable; built by {@link ShardScope#forKey(Object...)}.
 *
 * <p>Values are written as a PostgreSQL text-array literal ({@code {"42"}}, every element double-quoted, {@code "} and
 * {@code \} escaped) inside a SQL string literal (quotes doubled; an escape-string {@code E'...'} when the value holds a
 * backslash, so that the text is the same whatever {@code standard_conforming_strings} says). Accepted types: strings,
 * integral numbers ({@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code BigInteger}), {@code BigDecimal},
 * {@code UUID}, {@code LocalDate} and {@code Boolean}: those whose text form PostgreSQL reads back as the same value of
 * the column's type. Floating-point values, {@code null} and other objects are refused, as is the NUL character
 * (PostgreSQL text cannot hold it). {@link #toString()} never shows the values.
 */
public final class ActiveShardKey {

    /** The Aurora Limitless session variable. */
    public static final String VARIABLE = "rds_aurora.limitless_active_shard_key";

    private final List<String> values;
    private final String arrayLiteral;
    private final String setLocal;
    private final String setSession;

    private ActiveShardKey(List<String> values) {
        this.values = values;
        this.arrayLiteral = arrayLiteral(values);
        String sqlLiteral = sqlLiteral(arrayLiteral);
        this.setLocal = "SET LOCAL " + VARIABLE + " = " + sqlLiteral;
        this.setSession = "SET " + VARIABLE + " = " + sqlLiteral;
    }

    /**
     * A key of the given values, one per shard-key column in key order.
     *
     * @throws IllegalArgumentException when there is no value, a value is {@code null}, of an unsupported type or
     *     holds the NUL character (the message names the position and type, never the value)
     */
    public static ActiveShardKey of(Object... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("An active shard key needs one value per shard-key column, e.g."
                    + " ShardScope.forKey(tenantId); none was given");
        }
        List<String> texts = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            texts.add(text(values[i], i));
        }
        return new ActiveShardKey(Collections.unmodifiableList(texts));
    }

    private static String text(Object value, int position) {
        String text;
        if (value == null) {
            throw new IllegalArgumentException("Shard-key value " + (position + 1) + " is null; Limitless routes by the key's"
                    + " value, so every active-key value must be present");
        } else if (value instanceof CharSequence chars) {
            text = chars.toString();
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof UUID || value instanceof Boolean
                || value instanceof LocalDate) {
            text = value.toString();
        } else if (value instanceof BigDecimal decimal) {
            text = decimal.toPlainString();
        } else {
            throw new IllegalArgumentException("Shard-key value " + (position + 1) + " is a " + value.getClass().getName()
                    + ", which has no exact PostgreSQL text form; pass a String, an integral number, a BigDecimal, a"
                    + " UUID, a LocalDate or a Boolean");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Shard-key value " + (position + 1)
                    + " contains the NUL character, which PostgreSQL text cannot hold");
        }
        return text;
    }

    private static String arrayLiteral(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            String value = values.get(i);
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    private static String sqlLiteral(String text) {
        if (text.indexOf('\\') < 0) {
            return "'" + text.replace("'", "''") + "'";
        }
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** How many values (the shard-key arity of the tables it applies to). */
    public int arity() {
        return values.size();
    }

    /** The values as text, in key order. */
    public List<String> values() {
        return values;
    }

    /** The array literal the variable is set to, e.g. {@code {"42"}}. */
    public String arrayLiteral() {
        return arrayLiteral;
    }

    /** {@code SET LOCAL rds_aurora.limitless_active_shard_key = '...'}: the statement sent once per transaction. */
    public String setLocalStatement() {
        return setLocal;
    }

    /** {@code SET rds_aurora.limitless_active_shard_key = '...'}: sent for auto-commit work, reset at connection close. */
    public String setSessionStatement() {
        return setSession;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActiveShardKey key && values.equals(key.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Never shows the values (they may identify a customer). */
    @Override
    public String toString() {
        return "ActiveShardKey[" + values.size() + (values.size() == 1 ? " value]" : " values]");
    }
}
