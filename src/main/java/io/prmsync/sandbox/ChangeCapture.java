package io.prmsync.sandbox;

import io.prmsync.sandbox.pubsub.CdcEntity;
import io.prmsync.sandbox.pubsub.CdcField;
import io.prmsync.sandbox.pubsub.ChangeType;
import io.prmsync.sandbox.pubsub.FieldKind;
import io.prmsync.sandbox.pubsub.RecordChange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What Change Data Capture sees of a record write. Change events leave out the record id (it is in the header),
 * IsDeleted and SystemModstamp; field-level security is not applied, since the simulator has one user.
 */
final class ChangeCapture {

    private static final Set<String> NOT_CAPTURED = Set.of("Id", "IsDeleted", "SystemModstamp");

    private ChangeCapture() {}

    static CdcEntity entity(ObjectDef type) {
        return new CdcEntity(
                type.name(),
                type.fields().stream()
                        .filter(ChangeCapture::captured)
                        .map(f -> new CdcField(f.name(), kind(f.type())))
                        .toList());
    }

    /** A CREATE carries every field that has a value. */
    static RecordChange created(ObjectDef type, Map<String, Object> values) {
        Map<String, Object> carried = new LinkedHashMap<>();
        type.fields().stream()
                .filter(f -> captured(f) && values.get(f.name()) != null)
                .forEach(f -> carried.put(f.name(), values.get(f.name())));
        return new RecordChange(type.name(), (String) values.get("Id"), ChangeType.CREATE, carried);
    }

    /**
     * An UPDATE carries the fields whose value changed, null for a cleared one. LastModifiedDate is always among
     * them, as in Salesforce, even when the save lands in the second of the previous one.
     */
    static RecordChange updated(ObjectDef type, String id, Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        type.fields().stream()
                .filter(f -> captured(f)
                        && (f.name().equals("LastModifiedDate")
                                || !Objects.equals(before.get(f.name()), after.get(f.name()))))
                .forEach(f -> changed.put(f.name(), after.get(f.name())));
        return new RecordChange(type.name(), id, ChangeType.UPDATE, changed);
    }

    /** An UNDELETE carries the record's fields, as a CREATE does. */
    static RecordChange undeleted(ObjectDef type, String id, Map<String, Object> values) {
        RecordChange all = created(type, values);
        return new RecordChange(type.name(), id, ChangeType.UNDELETE, all.values());
    }

    static RecordChange deleted(ObjectDef type, String id) {
        return RecordChange.deleted(type.name(), id);
    }

    private static boolean captured(FieldDef field) {
        return !NOT_CAPTURED.contains(field.name());
    }

    private static FieldKind kind(FieldType type) {
        return switch (type) {
            case BOOLEAN -> FieldKind.BOOLEAN;
            case INT -> FieldKind.INTEGER;
            case DOUBLE, CURRENCY -> FieldKind.DOUBLE;
            case DATE -> FieldKind.DATE;
            case DATETIME -> FieldKind.DATETIME;
            default -> FieldKind.TEXT;
        };
    }
}
