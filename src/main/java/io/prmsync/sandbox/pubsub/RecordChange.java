package io.prmsync.sandbox.pubsub;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One committed change of one record.
 *
 * @param values for CREATE the record's non-null fields; for UPDATE the changed fields with their new values, null
 *     where a field was cleared; empty for DELETE
 */
public record RecordChange(String entity, String recordId, ChangeType type, Map<String, Object> values) {

    public RecordChange {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(type, "type");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static RecordChange deleted(String entity, String recordId) {
        return new RecordChange(entity, recordId, ChangeType.DELETE, Map.of());
    }
}
