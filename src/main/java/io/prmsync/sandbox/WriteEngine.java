package io.prmsync.sandbox;

import io.prmsync.sandbox.pubsub.RecordChange;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Validates and applies record writes for one API call, with Salesforce's per-record error codes. Runs while
 * the org's write lock is held; every change is logged so an all-or-none call can be rolled back.
 */
final class WriteEngine {

    private final OrgData data;
    private final ReferenceCheck references;
    private final SalesforceIds ids;
    private final Instant stamp;
    private final RejectionRules rules;
    private final DuplicateRules duplicates;
    private final java.util.Set<String> readOnlyIds;
    private final boolean trusted;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final List<RecordChange> changes = new ArrayList<>();

    /**
     * @param stamp   one timestamp for the whole call: Salesforce stamps every row of a transaction alike
     * @param duplicates the org's duplicate rules, or null when the call may save duplicates
     * @param readOnlyIds records the caller may not update or delete
     * @param trusted direct org edits (the "UI"): may set platform-only fields such as Lead.IsConverted
     */
    WriteEngine(
            OrgData data,
            Schema schema,
            SalesforceIds ids,
            Instant stamp,
            RejectionRules rules,
            DuplicateRules duplicates,
            java.util.Set<String> readOnlyIds,
            boolean trusted) {
        this.data = data;
        this.references = new ReferenceCheck(data, schema);
        this.ids = ids;
        this.stamp = stamp;
        this.rules = rules;
        this.duplicates = duplicates;
        this.readOnlyIds = readOnlyIds;
        this.trusted = trusted;
    }

    RecordResult create(ObjectDef type, Map<String, Object> input) {
        if (input.containsKey("Id")) {
            return RecordResult.failed("INVALID_FIELD", "cannot specify Id in an insert call", "Id");
        }
        Optional<ApiError> notWritable = checkWritable(type, input, true);
        if (notWritable.isPresent()) {
            return RecordResult.failed(notWritable.get());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        type.fields().stream()
                .filter(f -> f.defaultValue() != null)
                .forEach(f -> values.put(f.name(), f.defaultValue()));
        input.forEach((name, value) -> values.put(name, value == null ? defaultFor(type, name) : value));
        return validateAndApply(type, null, values);
    }

    RecordResult update(String id, ObjectDef expectedType, Map<String, Object> input) {
        Optional<StoredRecord> found = lookUp(id, expectedType);
        if (found.isEmpty() || found.get().deleted()) {
            return RecordResult.failed(found.isEmpty() ? missingRecord(id) : entityIsDeleted());
        }
        StoredRecord record = found.get();
        if (readOnlyIds.contains(record.id())) {
            return RecordResult.failed(insufficientAccess(record.id()));
        }
        Map<String, Object> changes = new LinkedHashMap<>(input);
        changes.remove("Id");
        Optional<ApiError> notWritable = checkWritable(record.type(), changes, false);
        if (notWritable.isPresent()) {
            return RecordResult.failed(notWritable.get());
        }
        Map<String, Object> merged = new LinkedHashMap<>(record.values());
        changes.forEach((name, value) -> merged.put(name, value == null ? defaultFor(record.type(), name) : value));
        return validateAndApply(record.type(), record, merged);
    }

    RecordResult upsert(ObjectDef type, FieldDef key, Object keyValue, Map<String, Object> input) {
        if (key.name().equals("Id")) {
            Map<String, Object> rest = new LinkedHashMap<>(input);
            rest.remove("Id");
            return keyValue == null ? create(type, rest) : update((String) keyValue, type, rest);
        }
        List<StoredRecord> matches = data.findByExternalId(type, key, keyValue);
        if (matches.size() > 1) {
            String found = matches.stream().map(StoredRecord::id).collect(Collectors.joining(", "));
            return RecordResult.failed(
                    "DUPLICATE_EXTERNAL_ID",
                    key.name() + ": more than one record found for external id field: [" + found + "]",
                    key.name());
        }
        Map<String, Object> values = new LinkedHashMap<>(input);
        values.put(key.name(), keyValue);
        return matches.isEmpty() ? create(type, values) : update(matches.get(0).id(), type, values);
    }

    RecordResult delete(String id, ObjectDef expectedType) {
        Optional<StoredRecord> found = lookUp(id, expectedType);
        if (found.isEmpty() || found.get().deleted()) {
            return RecordResult.failed(found.isEmpty() ? missingRecord(id) : entityIsDeleted());
        }
        StoredRecord record = found.get();
        if (readOnlyIds.contains(record.id())) {
            return RecordResult.failed(insufficientAccess(record.id()));
        }
        Map<String, Object> previous = new LinkedHashMap<>(record.values());
        Map<String, Object> deleted = new LinkedHashMap<>(previous);
        deleted.put("IsDeleted", true);
        stampModification(deleted);
        data.replaceValues(record, deleted);
        undo.push(() -> data.replaceValues(record, previous));
        changes.add(ChangeCapture.deleted(record.type(), record.id()));
        return RecordResult.saved(record.id(), false);
    }

    /** Takes a record out of the recycle bin, as the UI's Undelete does: it is live again, its values as before. */
    RecordResult undelete(String id) {
        Optional<StoredRecord> found = lookUp(id, null);
        if (found.isEmpty() || !found.get().deleted()) {
            return RecordResult.failed(
                    found.isEmpty()
                            ? missingRecord(id)
                            : ApiError.of("UNDELETE_FAILED", "entity is not in the recycle bin"));
        }
        StoredRecord record = found.get();
        Map<String, Object> previous = new LinkedHashMap<>(record.values());
        Map<String, Object> restored = new LinkedHashMap<>(previous);
        restored.put("IsDeleted", false);
        stampModification(restored);
        data.replaceValues(record, restored);
        undo.push(() -> data.replaceValues(record, previous));
        changes.add(ChangeCapture.undeleted(record.type(), record.id(), restored));
        return RecordResult.saved(record.id(), false);
    }

    /** Bulk API's hardDelete: the record skips the recycle bin, so not even queryAll sees it afterwards. */
    RecordResult hardDelete(String id, ObjectDef expectedType) {
        Optional<StoredRecord> found = lookUp(id, expectedType);
        if (found.isEmpty() || found.get().deleted()) {
            return RecordResult.failed(found.isEmpty() ? missingRecord(id) : entityIsDeleted());
        }
        StoredRecord record = found.get();
        data.remove(record);
        undo.push(() -> data.insert(record));
        changes.add(ChangeCapture.deleted(record.type(), record.id()));
        return RecordResult.saved(record.id(), false);
    }

    /** Reverts everything this engine changed, newest first: a rolled-back call leaves no change events. */
    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
        changes.clear();
    }

    /** The changes this engine applied and still stand, in the order applied. */
    List<RecordChange> changes() {
        return List.copyOf(changes);
    }

    /** Salesforce's answer to a value a restricted picklist does not list, for the first such field. */
    private static Optional<ApiError> notInPicklist(ObjectDef type, Map<String, Object> values) {
        return type.fields().stream()
                .filter(f -> !f.restrictedValues().isEmpty()
                        && values.get(f.name()) != null
                        && !f.restrictedValues().contains(values.get(f.name()).toString()))
                .findFirst()
                .map(f -> new ApiError(
                        "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                        f.label() + ": bad value for restricted picklist field: " + values.get(f.name()),
                        List.of(f.name())));
    }

    /** Salesforce's answer to a text longer than its field holds, for the first such field. */
    private static Optional<ApiError> tooLong(ObjectDef type, Map<String, Object> values) {
        return type.fields().stream()
                .filter(f ->
                        f.length() > 0 && values.get(f.name()) instanceof String text && text.length() > f.length())
                .findFirst()
                .map(f -> new ApiError(
                        "STRING_TOO_LONG",
                        f.label() + ": data value too large: " + values.get(f.name()) + " (max length=" + f.length()
                                + ")",
                        List.of(f.name())));
    }

    private RecordResult validateAndApply(ObjectDef type, StoredRecord existing, Map<String, Object> values) {
        List<String> missing = type.fields().stream()
                .filter(f -> f.required() && values.get(f.name()) == null)
                .map(FieldDef::name)
                .toList();
        if (!missing.isEmpty()) {
            return RecordResult.failed(
                    new ApiError("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing));
        }
        Optional<ApiError> refused = tooLong(type, values)
                .or(() -> notInPicklist(type, values))
                .or(() -> NumberDigits.outOfRange(type, values));
        if (refused.isPresent()) {
            return RecordResult.failed(refused.get());
        }
        NumberDigits.round(type, values);
        Optional<ApiError> problem = references.resolve(type, values);
        if (problem.isEmpty()) {
            type.derive(values);
            problem = uniqueClash(type, existing, values);
        }
        if (problem.isEmpty() && !trusted) {
            problem = rules.check(type, values);
        }
        if (problem.isEmpty() && duplicates != null) {
            problem = duplicates.check(data, type, existing, values);
        }
        if (problem.isPresent()) {
            return RecordResult.failed(problem.get());
        }
        stampModification(values);
        if (existing == null) {
            values.put("Id", ids.next(type.keyPrefix()));
            values.put("IsDeleted", false);
            values.put("CreatedDate", stamp);
            values.put("CreatedById", SimulatedOrg.USER_ID);
            if (type.field("OwnerId").isPresent()) {
                values.putIfAbsent("OwnerId", SimulatedOrg.USER_ID);
            }
            StoredRecord record = new StoredRecord(type, values);
            data.insert(record);
            undo.push(() -> data.remove(record));
            changes.add(ChangeCapture.created(type, values));
            return RecordResult.saved(record.id(), true);
        }
        Map<String, Object> previous = new LinkedHashMap<>(existing.values());
        data.replaceValues(existing, values);
        undo.push(() -> data.replaceValues(existing, previous));
        changes.add(ChangeCapture.updated(type, existing.id(), previous, values));
        return RecordResult.saved(existing.id(), false);
    }

    private Optional<ApiError> checkWritable(ObjectDef type, Map<String, Object> input, boolean creating) {
        List<String> refused = new ArrayList<>();
        for (String name : input.keySet()) {
            FieldDef field = type.field(name).orElseThrow();
            boolean allowed = creating ? field.createable() : field.updateable();
            if (!allowed && !(trusted && !field.system())) {
                refused.add(field.name());
            }
        }
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ApiError(
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                "Unable to create/update fields: "
                        + String.join(", ", refused) + ". Please check the security settings of this field and verify"
                        + " that it is read/write for your profile or permission set.",
                refused));
    }

    private Optional<ApiError> uniqueClash(ObjectDef type, StoredRecord existing, Map<String, Object> values) {
        for (FieldDef field : type.fields()) {
            Object value = values.get(field.name());
            if (!field.unique() || value == null) {
                continue;
            }
            Optional<StoredRecord> other = data.findByExternalId(type, field, value).stream()
                    .filter(r -> existing == null || !r.id().equals(existing.id()))
                    .findFirst();
            if (other.isPresent()) {
                return Optional.of(ApiError.of(
                        "DUPLICATE_VALUE",
                        "duplicate value found: " + field.name() + " duplicates value on record with id: "
                                + other.get().id()));
            }
        }
        return Optional.empty();
    }

    private Optional<StoredRecord> lookUp(String id, ObjectDef expectedType) {
        if (!SalesforceIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return data.find(SalesforceIds.to18(id))
                .filter(record -> expectedType == null || record.type() == expectedType);
    }

    private void stampModification(Map<String, Object> values) {
        values.put("LastModifiedDate", stamp);
        values.put("LastModifiedById", SimulatedOrg.USER_ID);
        values.put("SystemModstamp", stamp);
    }

    /** Salesforce stores false, never null, in a checkbox. */
    private static Object defaultFor(ObjectDef type, String fieldName) {
        return type.field(fieldName)
                .filter(f -> f.type() == FieldType.BOOLEAN)
                .map(f -> (Object) false)
                .orElse(null);
    }

    private static ApiError insufficientAccess(String id) {
        return ApiError.of("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id: " + id);
    }

    private static ApiError missingRecord(String id) {
        return SalesforceIds.isWellFormed(id)
                ? ApiError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id")
                : ApiError.of("MALFORMED_ID", "malformed id " + id);
    }

    private static ApiError entityIsDeleted() {
        return ApiError.of("ENTITY_IS_DELETED", "entity is deleted");
    }
}
