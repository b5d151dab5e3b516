package io.prmsync.changeevents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads a change event's Avro record (the Pub/Sub API's payload, decoded with its schema) into a
 * {@link ChangeEvent}. An update carries only the fields it changed, plus those it emptied in
 * {@code nulledFields}; every field here is a nullable union, so a value present is a value changed.
 */
public final class ChangeEventDecoder {

    static final String HEADER = "ChangeEventHeader";

    private ChangeEventDecoder() {}

    /**
     * @throws IllegalArgumentException naming what is missing when the record is not a change event
     */
    public static ChangeEvent decode(GenericRecord record, String replayId, String eventId) {
        if (record.getSchema().getField(HEADER) == null || !(record.get(HEADER) instanceof GenericRecord header)) {
            throw new IllegalArgumentException("Event " + eventId + " of schema "
                    + record.getSchema().getFullName() + " has no " + HEADER + ": not a change event");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (!field.name().equals(HEADER) && value != null) {
                values.put(field.name(), plain(value, field.schema()));
            }
        }
        return new ChangeEvent(
                eventId,
                replayId,
                required(header, "entityName", eventId),
                required(header, "changeType", eventId),
                strings(header.get("recordIds")),
                text(header.get("commitUser")),
                text(header.get("changeOrigin")),
                header.get("commitTimestamp") instanceof Long millis ? Instant.ofEpochMilli(millis) : null,
                values,
                strings(header.get("nulledFields")));
    }

    private static String required(GenericRecord header, String field, String eventId) {
        String value = header.getSchema().getField(field) == null ? null : text(header.get(field));
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("Change event " + eventId + " has no " + HEADER + "." + field);
        }
        return value;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof Iterable<?> items) {
            items.forEach(item -> result.add(item.toString()));
        }
        return result;
    }

    /** Avro's Utf8 as String, dates and timestamps by their logical types; other values as Avro gives them. */
    private static Object plain(Object value, Schema schema) {
        Schema type = schema;
        if (schema.getType() == Schema.Type.UNION) {
            type = schema.getTypes().stream()
                    .filter(t -> t.getType() != Schema.Type.NULL)
                    .findFirst()
                    .orElse(schema);
        }
        LogicalType logical = type.getLogicalType();
        if (logical instanceof LogicalTypes.Date && value instanceof Integer days) {
            return LocalDate.ofEpochDay(days);
        }
        if (logical instanceof LogicalTypes.TimestampMillis && value instanceof Long millis) {
            return Instant.ofEpochMilli(millis);
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        return value;
    }
}
