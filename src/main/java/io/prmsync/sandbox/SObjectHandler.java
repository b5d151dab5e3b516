package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Single-record calls under {@code /sobjects/{type}}: create, read, update, upsert by external id, delete. */
final class SObjectHandler {

    private final SimulatedOrg org;
    private final RejectionRules rejections;

    SObjectHandler(SimulatedOrg org, RejectionRules rejections) {
        this.org = org;
        this.rejections = rejections;
    }

    /** The object named in {@code /sobjects/{type}/...}; an unknown one is a missing resource. */
    static ObjectDef typeFromPath(SimulatedOrg org, ApiRequest request) {
        return org.schema().object(request.resource().get(1)).orElseThrow(ApiException::notFound);
    }

    ApiResponse create(ApiRequest request) {
        ObjectDef type = typeFromPath(org, request);
        RecordInput.Parsed input = parse(type, request);
        RecordResult result =
                org.write(rejections, WriteOrigin.rest(request), engine -> engine.create(type, input.values()));
        return answer(result, 201, false);
    }

    ApiResponse get(ApiRequest request) {
        ObjectDef type = typeFromPath(org, request);
        List<FieldDef> fields = selectedFields(type, request);
        String id = request.resource().get(2);
        return org.read(data -> liveRecord(data, type, id)
                        .map(record -> ApiResponse.json(
                                200, new RecordRenderer(request.apiVersion()).withFields(record, fields))))
                .orElseThrow(ApiException::notFound);
    }

    ApiResponse getByExternalId(ApiRequest request) {
        ObjectDef type = typeFromPath(org, request);
        FieldDef key = externalIdField(type, request.resource().get(2));
        Object value = keyValue(key, request.resource().get(3));
        List<FieldDef> fields = selectedFields(type, request);
        return org.read(data -> {
            List<StoredRecord> matches = key.name().equals("Id")
                    ? liveRecord(data, type, (String) value).stream().toList()
                    : data.findByExternalId(type, key, value);
            if (matches.isEmpty()) {
                throw ApiException.notFound();
            }
            if (matches.size() > 1) {
                ArrayNode urls = Json.array();
                matches.forEach(r -> urls.add(
                        "/services/data/v" + request.apiVersion() + "/sobjects/" + type.name() + "/" + r.id()));
                return ApiResponse.json(300, urls);
            }
            return ApiResponse.json(200, new RecordRenderer(request.apiVersion()).withFields(matches.get(0), fields));
        });
    }

    ApiResponse update(ApiRequest request) {
        ObjectDef type = typeFromPath(org, request);
        String id = request.resource().get(2);
        if (org.read(data -> lookUp(data, type, id)).isEmpty()) {
            throw ApiException.notFound();
        }
        RecordInput.Parsed input = parse(type, request);
        RecordResult result =
                org.write(rejections, WriteOrigin.rest(request), engine -> engine.update(id, type, input.values()));
        return answer(result, 204, false);
    }

    ApiResponse upsert(ApiRequest request) {
        ObjectDef type = typeFromPath(org, request);
        FieldDef key = externalIdField(type, request.resource().get(2));
        Object value = keyValue(key, request.resource().get(3));
        RecordInput.Parsed input = parse(type, request);
        RecordResult result = org.write(
                rejections, WriteOrigin.rest(request), engine -> engine.upsert(type, key, value, input.values()));
        return answer(result, result.created() ? 201 : 200, true);
    }

    ApiResponse delete(ApiRequest request) {
        ObjectDef type = typeFromPath(org, request);
        String id = request.resource().get(2);
        if (org.read(data -> lookUp(data, type, id)).isEmpty()) {
            throw ApiException.notFound();
        }
        return answer(org.write(rejections, WriteOrigin.rest(request), engine -> engine.delete(id, type)), 204, false);
    }

    private RecordInput.Parsed parse(ObjectDef type, ApiRequest request) {
        JsonNode body = Json.parse(request.body());
        if (!body.isObject()) {
            throw ApiException.badRequest(
                    "JSON_PARSER_ERROR",
                    "Cannot deserialize instance of " + type.name() + " from "
                            + (body.isArray() ? "START_ARRAY" : "VALUE_STRING") + " token");
        }
        RecordInput.Parsed parsed = RecordInput.fromJson(org.schema(), type, (ObjectNode) body);
        if (parsed.error() != null) {
            throw new ApiException(400, List.of(parsed.error()));
        }
        return parsed;
    }

    /** 204 has no body; a failed write answers 400 (404 for a deleted record) with the record's errors. */
    private static ApiResponse answer(RecordResult result, int successStatus, boolean upsert) {
        if (!result.success()) {
            boolean deleted = result.errors().get(0).errorCode().equals("ENTITY_IS_DELETED");
            throw new ApiException(deleted ? 404 : 400, result.errors());
        }
        if (successStatus == 204) {
            return ApiResponse.noContent();
        }
        return ApiResponse.json(successStatus, result.toJson(upsert));
    }

    private static FieldDef externalIdField(ObjectDef type, String name) {
        FieldDef field = type.field(name)
                .orElseThrow(() -> ApiException.of(
                        404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + name));
        if (!field.externalId() && !field.name().equals("Id")) {
            throw ApiException.badRequest(
                    "INVALID_FIELD",
                    "Field " + field.name() + " is not an External ID or indexed field for " + type.name());
        }
        return field;
    }

    private static Object keyValue(FieldDef key, String raw) {
        if (key.name().equals("Id") && !SalesforceIds.isWellFormed(raw)) {
            throw ApiException.badRequest("MALFORMED_ID", "malformed id " + raw);
        }
        try {
            Object value = FieldValues.fromJson(key, TextNode.valueOf(raw));
            return key.name().equals("Id") ? SalesforceIds.to18(raw) : value;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", e.getMessage());
        }
    }

    private static List<FieldDef> selectedFields(ObjectDef type, ApiRequest request) {
        Optional<String> fields = request.param("fields").filter(f -> !f.isBlank());
        if (fields.isEmpty()) {
            return type.fields();
        }
        return Arrays.stream(fields.get().split(","))
                .map(String::trim)
                .map(name -> type.field(name)
                        .orElseThrow(() -> ApiException.badRequest(
                                "INVALID_FIELD", "No such column '" + name + "' on entity '" + type.name() + "'")))
                .toList();
    }

    private static Optional<StoredRecord> lookUp(OrgData data, ObjectDef type, String id) {
        return SalesforceIds.isWellFormed(id)
                ? data.find(SalesforceIds.to18(id)).filter(r -> r.type() == type)
                : Optional.empty();
    }

    private static Optional<StoredRecord> liveRecord(OrgData data, ObjectDef type, String id) {
        return lookUp(data, type, id).filter(r -> !r.deleted());
    }
}
