package io.prmsync.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SOQL literals. Every value that reaches a query goes through here: text is escaped the way SOQL defines,
 * ids are checked against the Salesforce id format, so input from webhooks or the store cannot change a query.
 */
public final class Soql {

    private static final Pattern SALESFORCE_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * The most characters of literals one IN list holds: a query travels in the URL, whose length Salesforce
     * limits (16,384 characters), and encoding grows quotes, commas and spaces by about half again.
     */
    public static final int MAX_IN_LIST_CHARACTERS = 4_000;

    /**
     * The most characters of literals one IN list holds in a query that travels in a composite request's body
     * ({@link SalesforceCalls#forEachPageOfAll}). Salesforce documents no URL limit for a subrequest; this keeps
     * each one, URL encoded, inside the 16,088 characters a request's own URL may have, should the same limit apply.
     */
    public static final int MAX_IN_LIST_CHARACTERS_IN_BODY = 10_000;

    private Soql() {}

    /** The values as SOQL literals, grouped so that no group's IN list grows past {@link #MAX_IN_LIST_CHARACTERS}. */
    public static List<List<String>> inLists(Collection<?> values) {
        return inLists(values, MAX_IN_LIST_CHARACTERS);
    }

    /** The values as SOQL literals, grouped so that no group's IN list grows past {@code maxCharacters}. */
    public static List<List<String>> inLists(Collection<?> values, int maxCharacters) {
        List<List<String>> groups = new ArrayList<>();
        List<String> group = new ArrayList<>();
        int length = 0;
        for (Object value : values) {
            String literal = literal(value);
            if (!group.isEmpty() && length + literal.length() > maxCharacters) {
                groups.add(group);
                group = new ArrayList<>();
                length = 0;
            }
            group.add(literal);
            length += literal.length() + 2;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    public static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant instant) {
            return DATETIME.format(instant);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return quote(value.toString());
    }

    /** True when the text has the Salesforce id shape (15 or 18 letters and digits), so it can go into a query. */
    public static boolean isId(String id) {
        return id != null && SALESFORCE_ID.matcher(id).matches();
    }

    /** A quoted Salesforce id; anything not shaped like one is refused rather than escaped. */
    public static String id(String id) {
        if (!isId(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a Salesforce id");
        }
        return "'" + id + "'";
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('\'');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '\'' -> quoted.append("\\'");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                default -> quoted.append(c);
            }
        }
        return quoted.append('\'').toString();
    }
}
