package io.prmsync.mapping;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Canonical values of a record keyed by PRM column, comparable whichever side they came from. Its
 * {@link #hash(Collection)} over a set of fields is what echo suppression compares.
 */
public record RecordValues(Map<String, Object> values) {

    public RecordValues {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public Object get(String column) {
        return values.get(column);
    }

    public boolean sameAs(RecordValues other, FieldMapping field) {
        return Objects.equals(values.get(field.prmColumn()), other.values.get(field.prmColumn()));
    }

    /** The named fields as text, the form in which agreed values are kept between syncs. */
    public Map<String, String> rendered(Collection<FieldMapping> fields) {
        Map<String, String> rendered = new TreeMap<>();
        for (FieldMapping field : fields) {
            rendered.put(field.prmColumn(), render(values.get(field.prmColumn())));
        }
        return rendered;
    }

    public String rendered(String column) {
        return render(values.get(column));
    }

    /** SHA-256 of the named fields in a fixed order, null values included, so a cleared field changes it. */
    public String hash(Collection<FieldMapping> fields) {
        StringBuilder text = new StringBuilder();
        rendered(fields)
                .forEach((column, value) ->
                        text.append(column).append('\u0001').append(value).append('\u0002'));
        return sha256(text.toString());
    }

    private static String render(Object value) {
        if (value == null) {
            return "\u0000";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
