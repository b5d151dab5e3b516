package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * Converts field values between JSON, plain Java and the stored form: String, Boolean, Integer, Double,
 * LocalDate, and Instant truncated to milliseconds (Salesforce keeps no finer precision).
 */
final class FieldValues {

    /** How Salesforce renders a datetime in REST responses: {@code 2024-05-01T10:15:30.000+0000}. */
    static final DateTimeFormatter SALESFORCE_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    /** How Bulk API 2.0 writes a datetime in query results: {@code 2024-05-01T10:15:30.000Z}. */
    static final DateTimeFormatter BULK_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter DATETIME_INPUT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private FieldValues() {}

    /** @throws IllegalArgumentException with a Salesforce-like JSON_PARSER_ERROR message */
    static Object fromJson(FieldDef field, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        FieldType type = field.type();
        if (type.isText() || type.isIdLike()) {
            if (!node.isValueNode() || (type.isIdLike() && !node.isTextual())) {
                throw mismatch(type, node);
            }
            return node.asText();
        }
        try {
            return switch (type) {
                case BOOLEAN -> toBoolean(node);
                case INT ->
                    node.isIntegralNumber() && node.canConvertToInt()
                            ? Integer.valueOf(node.intValue())
                            : node.isTextual()
                                    ? Integer.valueOf(
                                            Integer.parseInt(node.asText().trim()))
                                    : fail();
                case DOUBLE, CURRENCY ->
                    node.isNumber()
                            ? Double.valueOf(node.doubleValue())
                            : node.isTextual()
                                    ? Double.valueOf(
                                            Double.parseDouble(node.asText().trim()))
                                    : fail();
                case DATE -> node.isTextual() ? LocalDate.parse(node.asText()) : fail();
                case DATETIME -> node.isTextual() ? parseDateTime(node.asText()) : fail();
                default -> throw new IllegalStateException("unhandled type " + type);
            };
        } catch (NumberFormatException | DateTimeParseException | WrongShape e) {
            throw mismatch(type, node);
        }
    }

    /** Accepts the Java types a test or the sample seeder would naturally use, plus strings in API format. */
    static Object fromJava(FieldDef field, Object value) {
        if (value instanceof LocalDate date && field.type() == FieldType.DATE) {
            return date;
        }
        if (field.type() == FieldType.DATETIME) {
            if (value instanceof Instant instant) {
                return instant.truncatedTo(ChronoUnit.MILLIS);
            }
            if (value instanceof OffsetDateTime odt) {
                return odt.toInstant().truncatedTo(ChronoUnit.MILLIS);
            }
            if (value instanceof ZonedDateTime zdt) {
                return zdt.toInstant().truncatedTo(ChronoUnit.MILLIS);
            }
        }
        JsonNode node = value instanceof JsonNode json ? json : Json.MAPPER.valueToTree(value);
        return fromJson(field, node);
    }

    static Instant parseDateTime(String text) {
        TemporalAccessor parsed = DATETIME_INPUT.parse(text);
        if (!parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            throw new DateTimeParseException("datetime without offset", text, text.length());
        }
        return OffsetDateTime.from(parsed).toInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    static JsonNode toJson(Object stored) {
        if (stored == null) {
            return NullNode.getInstance();
        }
        if (stored instanceof Boolean b) {
            return BooleanNode.valueOf(b);
        }
        if (stored instanceof Integer i) {
            return IntNode.valueOf(i);
        }
        if (stored instanceof Double d) {
            return DoubleNode.valueOf(d);
        }
        if (stored instanceof Instant instant) {
            return TextNode.valueOf(SALESFORCE_DATETIME.format(instant));
        }
        return TextNode.valueOf(stored.toString());
    }

    /** A stored value as a Bulk API 2.0 CSV cell; null stays null, a number is written without exponent. */
    static String toCsv(Object stored) {
        if (stored instanceof Instant instant) {
            return BULK_DATETIME.format(instant);
        }
        if (stored instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return stored == null ? null : stored.toString();
    }

    /** Orders two non-null stored values of one field type the way SOQL does: text ignores case, ids do not. */
    static int compare(FieldType type, Object left, Object right) {
        if (type.isText()) {
            return String.CASE_INSENSITIVE_ORDER.compare((String) left, (String) right);
        }
        if (type.isNumeric()) {
            return Double.compare(((Number) left).doubleValue(), ((Number) right).doubleValue());
        }
        @SuppressWarnings("unchecked")
        Comparable<Object> comparable = (Comparable<Object>) left;
        return comparable.compareTo(right);
    }

    private static Boolean toBoolean(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()
                && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
            return Boolean.valueOf(node.asText());
        }
        return fail();
    }

    private static <T> T fail() {
        throw new WrongShape();
    }

    /** A JSON value of a shape the field cannot take; turned into Salesforce's JSON_PARSER_ERROR by the caller. */
    private static final class WrongShape extends RuntimeException {
        WrongShape() {
            super(null, null, false, false);
        }
    }

    private static IllegalArgumentException mismatch(FieldType type, JsonNode node) {
        String token = switch (node.getNodeType()) {
            case STRING -> "VALUE_STRING";
            case NUMBER -> node.isIntegralNumber() ? "VALUE_NUMBER_INT" : "VALUE_NUMBER_FLOAT";
            case BOOLEAN -> node.booleanValue() ? "VALUE_TRUE" : "VALUE_FALSE";
            case ARRAY -> "START_ARRAY";
            default -> "START_OBJECT";
        };
        String shown = node.isValueNode() ? node.asText() : node.toString();
        return new IllegalArgumentException("Cannot deserialize instance of " + type.describeName() + " from " + token
                + " value " + shown + " or request may be missing a required field");
    }
}
