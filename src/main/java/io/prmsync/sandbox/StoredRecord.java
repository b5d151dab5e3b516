package io.prmsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** A row of the org. Mutable, so only touched while the org's lock is held. */
final class StoredRecord {

    private final ObjectDef type;
    private final Map<String, Object> values = new LinkedHashMap<>();

    StoredRecord(ObjectDef type, Map<String, Object> values) {
        this.type = type;
        this.values.putAll(values);
    }

    ObjectDef type() {
        return type;
    }

    String id() {
        return (String) values.get("Id");
    }

    boolean deleted() {
        return Boolean.TRUE.equals(values.get("IsDeleted"));
    }

    Object get(String fieldName) {
        return values.get(fieldName);
    }

    /** The live map: callers inside the org package mutate it only through {@link OrgData#replaceValues}. */
    Map<String, Object> values() {
        return values;
    }

    /** Every field of the type in schema order, null where unset: what callers outside the lock get. */
    Map<String, Object> copyAllFields() {
        Map<String, Object> copy = new LinkedHashMap<>();
        type.fields().forEach(field -> copy.put(field.name(), values.get(field.name())));
        return copy;
    }
}
