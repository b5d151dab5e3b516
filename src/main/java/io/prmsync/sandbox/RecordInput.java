package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Turns a record from a request body (or a test's map) into typed values keyed by canonical field names. */
final class RecordInput {

    /** Either the typed values or, for a field the object does not have, the per-record error. */
    record Parsed(Map<String, Object> values, ApiError error) {}

    private RecordInput() {}

    /**
     * @throws ApiException 400 JSON_PARSER_ERROR for a value of the wrong JSON type: Salesforce rejects the whole
     *                      request while reading the body, before it looks at any record
     */
    static Parsed fromJson(Schema schema, ObjectDef type, ObjectNode record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : record.properties()) {
            String name = entry.getKey();
            if (name.equals("attributes")) {
                continue;
            }
            Optional<FieldDef> field = type.field(name);
            if (field.isPresent()) {
                values.put(field.get().name(), convert(field.get(), entry.getValue()));
                continue;
            }
            Optional<FieldDef> lookup =
                    type.relationship(name).filter(f -> entry.getValue().isObject());
            Optional<ForeignKeyRef> ref = lookup.flatMap(f -> foreignKey(schema, f, (ObjectNode) entry.getValue()));
            if (ref.isEmpty()) {
                return new Parsed(
                        Map.of(),
                        ApiError.of(
                                "INVALID_FIELD", "No such column '" + name + "' on sobject of type " + type.name()));
            }
            values.put(lookup.get().name(), ref.get());
        }
        return new Parsed(values, null);
    }

    /** @throws IllegalArgumentException naming the Salesforce error code */
    static Map<String, Object> fromJava(ObjectDef type, Map<String, Object> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            FieldDef field = type.field(name)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "INVALID_FIELD: No such column '" + name + "' on sobject of type " + type.name()));
            try {
                values.put(field.name(), FieldValues.fromJava(field, value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("JSON_PARSER_ERROR: " + e.getMessage(), e);
            }
        });
        return values;
    }

    private static Object convert(FieldDef field, JsonNode value) {
        try {
            return FieldValues.fromJson(field, value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", e.getMessage());
        }
    }

    private static Optional<ForeignKeyRef> foreignKey(Schema schema, FieldDef lookup, ObjectNode parent) {
        Optional<ObjectDef> target = schema.object(lookup.referenceTo());
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        parent.properties().forEach(e -> {
            if (!e.getKey().equals("attributes")) {
                keys.put(e.getKey(), e.getValue());
            }
        });
        if (target.isEmpty() || keys.size() != 1) {
            return Optional.empty();
        }
        Map.Entry<String, JsonNode> key = keys.entrySet().iterator().next();
        return target.get()
                .field(key.getKey())
                .filter(FieldDef::externalId)
                .map(f -> new ForeignKeyRef(target.get(), f, convert(f, key.getValue())));
    }
}
