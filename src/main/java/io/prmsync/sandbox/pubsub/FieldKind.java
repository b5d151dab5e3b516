package io.prmsync.sandbox.pubsub;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.Schema;

/**
 * How a field's value travels in a change event. Salesforce sends date-times as epoch milliseconds in a long and
 * dates as days since the epoch in an int; every other non-numeric type is a string.
 */
public enum FieldKind {
    TEXT(Schema.Type.STRING),
    BOOLEAN(Schema.Type.BOOLEAN),
    INTEGER(Schema.Type.INT),
    DOUBLE(Schema.Type.DOUBLE),
    DATE(Schema.Type.INT),
    DATETIME(Schema.Type.LONG);

    private final Schema.Type avroType;

    FieldKind(Schema.Type avroType) {
        this.avroType = avroType;
    }

    Schema.Type avroType() {
        return avroType;
    }

    /** The Avro value of an org value (String, Boolean, Number, LocalDate or Instant). */
    Object toAvro(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case TEXT -> value.toString();
            case BOOLEAN -> (Boolean) value;
            case INTEGER -> ((Number) value).intValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case DATE -> (int) ((LocalDate) value).toEpochDay();
            case DATETIME -> ((Instant) value).toEpochMilli();
        };
    }
}
