package io.prmsync.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks and normalises lookup values: well-formed id, right object, an existing live record. */
final class ReferenceCheck {

    private final OrgData data;
    private final Schema schema;

    ReferenceCheck(OrgData data, Schema schema) {
        this.data = data;
        this.schema = schema;
    }

    /** Rewrites each lookup in {@code values} to the 18-character id, or names the first problem. */
    Optional<ApiError> resolve(ObjectDef type, Map<String, Object> values) {
        for (FieldDef field : type.fields()) {
            Object value = values.get(field.name());
            if (field.type() != FieldType.REFERENCE || value == null) {
                continue;
            }
            Optional<ApiError> problem = value instanceof ForeignKeyRef ref
                    ? byExternalId(field, ref, values)
                    : byId(field, (String) value, values);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private Optional<ApiError> byId(FieldDef field, String value, Map<String, Object> values) {
        String wrongType = field.label() + ": id value of incorrect type: " + value;
        if (!SalesforceIds.isWellFormed(value)) {
            return Optional.of(ApiError.of("MALFORMED_ID", wrongType, field.name()));
        }
        String id = SalesforceIds.to18(value);
        Optional<ObjectDef> target = schema.object(field.referenceTo());
        String expectedPrefix = target.map(ObjectDef::keyPrefix).orElse(Schema.USER_KEY_PREFIX);
        if (!id.startsWith(expectedPrefix)) {
            return Optional.of(ApiError.of("FIELD_INTEGRITY_EXCEPTION", wrongType, field.name()));
        }
        // Users are not simulated: any well-formed user id is accepted as an owner.
        if (target.isPresent() && data.find(id).filter(r -> !r.deleted()).isEmpty()) {
            return Optional.of(ApiError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field.name()));
        }
        values.put(field.name(), id);
        return Optional.empty();
    }

    private Optional<ApiError> byExternalId(FieldDef field, ForeignKeyRef ref, Map<String, Object> values) {
        List<StoredRecord> parents = data.findByExternalId(ref.target(), ref.externalIdField(), ref.value());
        if (parents.size() != 1) {
            String message = parents.isEmpty()
                    ? "Foreign key external ID: " + ref.value() + " not found for field "
                            + ref.externalIdField().name() + " in entity "
                            + ref.target().name()
                    : "More than 1 record found for foreign key external ID: " + ref.value();
            return Optional.of(ApiError.of("INVALID_FIELD", message, field.name()));
        }
        values.put(field.name(), parents.get(0).id());
        return Optional.empty();
    }
}
