package io.prmsync.sandbox;

import io.prmsync.sandbox.SoqlQuery.Comparison;
import io.prmsync.sandbox.SoqlQuery.Condition;
import io.prmsync.sandbox.SoqlQuery.InList;
import io.prmsync.sandbox.SoqlQuery.Like;
import io.prmsync.sandbox.SoqlQuery.Literal;
import io.prmsync.sandbox.SoqlToken.Kind;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a WHERE clause into a row predicate, checking each literal against its field's type first. Null semantics
 * follow SOQL, not SQL: {@code Field != 'x'} and {@code NOT IN} also match rows where the field is null.
 */
final class FilterCompiler {

    /** A compiled condition; rows are read under the org's lock, so lookups can be followed. */
    interface RowFilter {
        boolean test(StoredRecord row, OrgData data);
    }

    private final Schema schema;
    private final ObjectDef root;

    FilterCompiler(Schema schema, ObjectDef root) {
        this.schema = schema;
        this.root = root;
    }

    RowFilter compile(Condition condition) {
        if (condition instanceof SoqlQuery.And and) {
            return all(and.terms().stream().map(this::compile).toList());
        }
        if (condition instanceof SoqlQuery.Or or) {
            return any(or.terms().stream().map(this::compile).toList());
        }
        if (condition instanceof SoqlQuery.Not not) {
            return negate(compile(not.term()));
        }
        if (condition instanceof Comparison comparison) {
            return comparison(comparison);
        }
        if (condition instanceof InList in) {
            return in(in);
        }
        return like((Like) condition);
    }

    private RowFilter comparison(Comparison c) {
        ResolvedPath path = filterable(c.field());
        FieldType type = path.field().type();
        Object operand = operand(path, c.value());
        return (row, data) -> {
            Object value = path.valueOf(row, data);
            return switch (c.operator()) {
                case EQ -> same(type, value, operand);
                case NE -> !same(type, value, operand);
                case LT -> value != null && operand != null && FieldValues.compare(type, value, operand) < 0;
                case LE -> value != null && operand != null && FieldValues.compare(type, value, operand) <= 0;
                case GT -> value != null && operand != null && FieldValues.compare(type, value, operand) > 0;
                case GE -> value != null && operand != null && FieldValues.compare(type, value, operand) >= 0;
            };
        };
    }

    private RowFilter in(InList in) {
        ResolvedPath path = filterable(in.field());
        FieldType type = path.field().type();
        // A set, as a database would: pairing queries name hundreds of keys and scan every row of the object.
        Set<Object> operands = new HashSet<>();
        in.values().forEach(literal -> operands.add(inKey(type, operand(path, literal))));
        return (row, data) -> operands.contains(inKey(type, path.valueOf(row, data))) != in.negated();
    }

    /** The value as {@code IN} compares it, the way {@link #same} does: text without case, numbers by value. */
    private static Object inKey(FieldType type, Object value) {
        if (value == null) {
            return null;
        }
        if (type.isText()) {
            String text = (String) value;
            StringBuilder folded = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                folded.append(Character.toLowerCase(Character.toUpperCase(text.charAt(i))));
            }
            return folded.toString();
        }
        if (type.isNumeric()) {
            return ((Number) value).doubleValue();
        }
        return value;
    }

    private RowFilter like(Like like) {
        ResolvedPath path = filterable(like.field());
        if (!path.field().type().isText()) {
            throw new SoqlException(
                    "INVALID_QUERY_FILTER_OPERATOR",
                    "invalid operator on field '" + path.field().name() + "'",
                    like.field().offset());
        }
        Pattern pattern = Pattern.compile(
                like.pattern().likeRegex(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
        return (row, data) -> {
            Object value = path.valueOf(row, data);
            return value != null && pattern.matcher((String) value).matches();
        };
    }

    private ResolvedPath filterable(SoqlQuery.FieldPath fieldPath) {
        ResolvedPath path = ResolvedPath.resolve(schema, root, fieldPath);
        if (!path.field().type().isFilterable()) {
            throw new SoqlException(
                    "INVALID_FIELD",
                    "field '" + path.field().name() + "' can not be filtered in a query call",
                    fieldPath.offset());
        }
        return path;
    }

    /** The literal as a stored value of the field's type, or Salesforce's "must be of type" error. */
    private static Object operand(ResolvedPath path, Literal literal) {
        if (literal.isNull()) {
            return null;
        }
        FieldDef field = path.field();
        FieldType type = field.type();
        boolean fits = switch (type) {
            case BOOLEAN -> literal.kind() == Kind.IDENT;
            case INT, DOUBLE, CURRENCY -> literal.kind() == Kind.NUMBER;
            case DATE -> literal.kind() == Kind.DATE;
            case DATETIME -> literal.kind() == Kind.DATETIME;
            default -> literal.kind() == Kind.STRING;
        };
        if (!fits) {
            boolean quoted = type.isText() || type.isIdLike();
            throw new SoqlException(
                    "INVALID_QUERY_FILTER_OPERATOR",
                    "value of filter criterion for field '"
                            + field.name() + "' must be of type " + type.soqlTypeName() + " and should "
                            + (quoted ? "" : "not ") + "be enclosed in quotes",
                    literal.offset());
        }
        if (type.isIdLike()) {
            String id = (String) literal.value();
            if (!SalesforceIds.isWellFormed(id)) {
                throw new SoqlException("INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: " + id, literal.offset());
            }
            return SalesforceIds.to18(id);
        }
        return literal.value() instanceof BigDecimal number ? Double.valueOf(number.doubleValue()) : literal.value();
    }

    private static boolean same(FieldType type, Object value, Object operand) {
        if (value == null || operand == null) {
            return value == operand;
        }
        return FieldValues.compare(type, value, operand) == 0;
    }

    private static RowFilter all(List<RowFilter> filters) {
        return (row, data) -> filters.stream().allMatch(f -> f.test(row, data));
    }

    private static RowFilter any(List<RowFilter> filters) {
        return (row, data) -> filters.stream().anyMatch(f -> f.test(row, data));
    }

    private static RowFilter negate(RowFilter filter) {
        return (row, data) -> !filter.test(row, data);
    }
}
