package dev.limitless.guard;

import java.math.BigInteger;
import java.util.Locale;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;

/**
 * PostgreSQL's view of a key comparison's types, coarse enough to decide one thing: does {@code key = value} compare
 * the key column as it is (partition pruning works) or cast the column to the value's type (every shard is read)?
 * Integer types compare across widths without a cast; a decimal literal ({@code 7.0}, {@code 1e1}) is numeric and
 * casts an integer key; an untyped string literal or a parameter takes the column's type.
 */
final class TypeClass {

    static final String INTEGER = "integer";
    static final String NUMERIC = "numeric";
    static final String FLOAT = "float";
    static final String TEXT = "text";
    static final String UUID = "uuid";
    /** A value that takes the column's type: an untyped string literal or a bind parameter. */
    static final String ADAPTS = "adapts";
    /** A column whose type the catalog does not know. */
    static final String UNKNOWN = "unknown";

    /** Immutable functions whose call on values PostgreSQL folds to one value at plan time. */
    static final java.util.Set<String> FOLDED = java.util.Set.of("coalesce", "nullif", "greatest", "least", "length",
            "char_length", "character_length", "octet_length", "lower", "upper", "btrim", "ltrim", "rtrim", "substr",
            "concat", "replace", "md5", "left", "right", "lpad", "rpad", "abs", "strpos");
    private static final java.util.Set<String> INTEGER_RESULTS = java.util.Set.of("length", "char_length",
            "character_length", "octet_length", "strpos");
    private static final java.util.Set<String> TEXT_RESULTS = java.util.Set.of("lower", "upper", "btrim", "ltrim",
            "rtrim", "substr", "concat", "replace", "md5", "left", "right", "lpad", "rpad");

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private TypeClass() {
    }

    /** The class of a type name as PostgreSQL prints or accepts it. */
    static String ofType(String type) {
        if (type == null || type.isBlank()) {
            return UNKNOWN;
        }
        String t = type.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int paren = t.indexOf('(');
        String base = paren < 0 ? t : t.substring(0, paren).strip();
        return switch (base) {
            case "bigint", "int8", "integer", "int", "int4", "smallint", "int2", "bigserial", "serial", "smallserial" -> INTEGER;
            case "numeric", "decimal" -> NUMERIC;
            case "real", "float4", "double precision", "float8", "float", "double" -> FLOAT;
            case "text", "character varying", "varchar", "character", "char", "bpchar", "string" -> TEXT;
            case "uuid" -> UUID;
            case "timestamptz", "timestamp with time zone" -> "timestamptz";
            case "timestamp", "timestamp without time zone" -> "timestamp";
            default -> base;
        };
    }

    static String ofColumn(String type) {
        return ofType(type);
    }

    /** The class of a value expression; {@code null} when it is not a value. */
    static String ofValue(Expression expression) {
        Expression e = unparenthesized(expression);
        if (e instanceof net.sf.jsqlparser.expression.Function function && function.getName() != null) {
            String name = function.getName().toLowerCase(Locale.ROOT);
            if (INTEGER_RESULTS.contains(name)) {
                return INTEGER;
            }
            if (TEXT_RESULTS.contains(name)) {
                return TEXT;
            }
            if (!FOLDED.contains(name) || function.getParameters() == null) {
                return null;
            }
            String common = null;
            for (Object argument : function.getParameters()) {
                String type = argument instanceof Expression a ? ofValue(a) : null;
                common = common == null ? type : merge(common, type);
                if (common == null) {
                    return null;
                }
            }
            return common;
        }
        if (e instanceof net.sf.jsqlparser.expression.CaseExpression caseExpression) {
            String common = caseExpression.getElseExpression() == null ? null : ofValue(caseExpression.getElseExpression());
            for (net.sf.jsqlparser.expression.WhenClause when : caseExpression.getWhenClauses()) {
                String type = ofValue(when.getThenExpression());
                common = common == null ? type : merge(common, type);
                if (common == null) {
                    return null;
                }
            }
            return common;
        }
        if (e instanceof net.sf.jsqlparser.expression.ArrayExpression subscript
                && unparenthesized(subscript.getObjExpression()) instanceof net.sf.jsqlparser.expression.ArrayConstructor array
                && array.getExpressions() != null) {
            String common = null;
            for (Expression element : array.getExpressions()) {
                String type = ofValue(element);
                common = common == null ? type : merge(common, type);
                if (common == null) {
                    return null;
                }
            }
            return common;
        }
        if (e instanceof JdbcParameter || e instanceof JdbcNamedParameter || e instanceof StringValue) {
            return ADAPTS;
        }
        if (e instanceof LongValue number) {
            BigInteger value = number.getBigIntegerValue();
            return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0 ? INTEGER : NUMERIC;
        }
        if (e instanceof HexValue) {
            return INTEGER;
        }
        if (e instanceof DoubleValue) {
            return NUMERIC;
        }
        if (e instanceof SignedExpression signed) {
            return ofValue(signed.getExpression());
        }
        if (e instanceof CastExpression cast) {
            if (cast.getColDataType() == null) {
                return null;
            }
            String target = ofType(cast.getColDataType().toString());
            Expression inner = unparenthesized(cast.getLeftExpression());
            if (inner instanceof CastExpression innerCast && innerCast.getColDataType() != null
                    && !ofType(innerCast.getColDataType().toString()).equals(target)) {
                return null; // a conversion between types ('eu'::name::varchar) is a function call PostgreSQL does not prune on
            }
            return target;
        }
        if (e instanceof Concat) {
            return TEXT;
        }
        if (e instanceof BinaryExpression binary) {
            return merge(ofValue(binary.getLeftExpression()), ofValue(binary.getRightExpression()));
        }
        return null; // dates, intervals, bit strings and the like: no shard key of ours compares them uncast
    }

    /** The expression inside parentheses, {@code (x)} in both of JSqlParser's spellings. */
    private static Expression unparenthesized(Expression expression) {
        Expression e = expression;
        while (true) {
            if (e instanceof Parenthesis parenthesis) {
                e = parenthesis.getExpression();
            } else if (e instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> list
                    && list.size() == 1 && !(e instanceof net.sf.jsqlparser.statement.select.Select)) {
                e = (Expression) list.get(0);
            } else {
                return e;
            }
        }
    }

    /** The class of an expression combining two values: the wider numeric class, else the common class. */
    private static String merge(String left, String right) {
        if (left == null || right == null) {
            return null;
        }
        if (left.equals(FLOAT) || right.equals(FLOAT)) {
            return FLOAT;
        }
        if (left.equals(NUMERIC) || right.equals(NUMERIC)) {
            return NUMERIC;
        }
        if (left.equals(INTEGER) || right.equals(INTEGER)) {
            return INTEGER;
        }
        return left.equals(right) ? left : left.equals(ADAPTS) ? right : right.equals(ADAPTS) ? left : null;
    }

    /** Whether a value of class {@code value} is compared with a key column of class {@code column} uncast. */
    static boolean compatible(String column, String value) {
        if (value == null) {
            return false;
        }
        if (value.equals(ADAPTS)) {
            return true;
        }
        return switch (column) {
            case INTEGER -> value.equals(INTEGER);
            case NUMERIC -> value.equals(INTEGER) || value.equals(NUMERIC);
            case FLOAT -> value.equals(INTEGER) || value.equals(NUMERIC) || value.equals(FLOAT);
            // without the column's type: refuse only the values PostgreSQL would cast a key column up to (an
            // integer key to numeric or float, a date or timestamp key to a timestamp); a type that does not compare
            // with the key at all makes the statement fail, which touches no shard
            case UNKNOWN -> !(value.equals(NUMERIC) || value.equals(FLOAT) || value.equals("timestamp")
                    || value.equals("timestamptz") || value.equals("interval"));
            default -> column.equals(value);
        };
    }
}
