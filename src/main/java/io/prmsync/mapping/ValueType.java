package io.prmsync.mapping;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * The PRM column types the mapping understands. Each converts values from either side into one canonical
 * Java value, so that equal data hashes equally whichever side it came from.
 */
public enum ValueType {
    TEXT,
    BOOLEAN,
    DECIMAL,
    INTEGER,
    DATE,
    TIMESTAMP;

    /** Salesforce renders datetimes as 2024-05-01T10:15:30.000+0000; ISO offsets are accepted too. */
    private static final DateTimeFormatter SALESFORCE_DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();

    /**
     * Converts a value from JSON (Salesforce) or the PRM store (java.time values) into the canonical form.
     *
     * @throws IllegalArgumentException when the value cannot be read as this type
     */
    public Object canonical(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case TEXT -> value.toString();
            case BOOLEAN -> value instanceof Boolean b ? b : parseBoolean(value.toString());
            case DECIMAL -> normalise(value instanceof BigDecimal d ? d : new BigDecimal(value.toString()));
            case INTEGER -> value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
            case DATE -> value instanceof LocalDate d ? d : toDate(value);
            case TIMESTAMP -> toInstant(value);
        };
    }

    /** The value as Salesforce JSON expects it. */
    public Object toSalesforce(Object canonical) {
        if (canonical == null) {
            return null;
        }
        return switch (this) {
            case DATE -> canonical.toString();
            case TIMESTAMP -> DateTimeFormatter.ISO_INSTANT.format((Instant) canonical);
            default -> canonical;
        };
    }

    /** The value as a JDBC parameter. */
    public Object toJdbc(Object canonical) {
        if (canonical instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return canonical;
    }

    public static Instant parseSalesforceDateTime(String text) {
        Instant utc = parseUtcMillis(text);
        return utc != null
                ? utc
                : OffsetDateTime.parse(text, SALESFORCE_DATETIME).toInstant();
    }

    /**
     * The shape Salesforce nearly always sends, {@code 2024-05-01T10:15:30.000+0000} (or {@code Z}), read without
     * the formatter, which took a tenth of an inbound run's CPU; null for any other shape, which the formatter then
     * reads (or refuses with its own message).
     */
    private static Instant parseUtcMillis(String text) {
        int length = text.length();
        boolean utc = (length == 28 && text.endsWith("+0000")) || (length == 24 && text.charAt(23) == 'Z');
        if (!utc
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(19) != '.') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int millis = digits(text, 20, 23);
        if ((year | month | day | hour | minute | second | millis) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is no digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static BigDecimal normalise(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("'" + text + "' is not true or false");
    }

    private static LocalDate toDate(Object value) {
        return LocalDate.parse(value.toString());
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return parseSalesforceDateTime(value.toString());
    }
}
