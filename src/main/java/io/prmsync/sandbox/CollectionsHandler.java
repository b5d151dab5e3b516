package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sObject Collections ({@code /composite/sobjects}): up to 200 records a call, answered per record in request
 * order. With allOrNone every change of the call is rolled back as soon as one record fails.
 */
final class CollectionsHandler {

    static final int MAX_RECORDS = 200;

    private final SimulatedOrg org;
    private final RejectionRules rejections;
    private final RequestCounters counters;

    /** One record of the body: its type and typed values, or the error found while reading it. */
    private record Item(ObjectDef type, Map<String, Object> values, ApiError error) {
        static Item failed(ApiError error) {
            return new Item(null, Map.of(), error);
        }
    }

    private interface Operation {
        RecordResult apply(WriteEngine engine, Item item);
    }

    CollectionsHandler(SimulatedOrg org, RejectionRules rejections, RequestCounters counters) {
        this.org = org;
        this.rejections = rejections;
        this.counters = counters;
    }

    ApiResponse create(ApiRequest request) {
        return save(
                request,
                Endpoint.COLLECTION_CREATE,
                null,
                false,
                (engine, item) -> engine.create(item.type(), item.values()));
    }

    ApiResponse update(ApiRequest request) {
        return save(request, Endpoint.COLLECTION_UPDATE, null, false, (engine, item) -> {
            Object id = item.values().get("Id");
            return id == null
                    ? RecordResult.failed("MISSING_ARGUMENT", "Id not specified in an update call")
                    : engine.update((String) id, item.type(), item.values());
        });
    }

    ApiResponse upsert(ApiRequest request) {
        ObjectDef type = SObjectHandler.typeFromPath(org, shifted(request));
        String keyName = request.resource().get(3);
        FieldDef key = type.field(keyName)
                .filter(f -> f.externalId() || f.name().equals("Id"))
                .orElseThrow(() -> ApiException.badRequest(
                        "INVALID_FIELD",
                        "Field " + keyName + " is not an External ID or indexed field for " + type.name()));
        return save(request, Endpoint.COLLECTION_UPSERT, key, true, (engine, item) -> {
            Object value = item.values().get(key.name());
            if (value == null && !key.name().equals("Id")) {
                return RecordResult.failed("MISSING_ARGUMENT", key.name() + " not specified", key.name());
            }
            return engine.upsert(type, key, value, item.values());
        });
    }

    ApiResponse delete(ApiRequest request) {
        List<String> ids = request.param("ids")
                .filter(s -> !s.isBlank())
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).toList())
                .orElseThrow(() -> ApiException.badRequest("MISSING_ARGUMENT", "ids parameter is required"));
        checkSize(ids.size(), MAX_RECORDS);
        boolean allOrNone =
                request.param("allOrNone").map(Boolean::parseBoolean).orElse(false);
        counters.addRecords(Endpoint.COLLECTION_DELETE, ids.size());
        boolean allowDuplicates = DuplicateRules.allowsSave(request.header(DuplicateRules.HEADER));
        List<RecordResult> results = org.write(rejections, WriteOrigin.rest(request), allowDuplicates, engine -> {
            List<RecordResult> out = new ArrayList<>();
            for (String id : ids) {
                RecordResult result = engine.delete(id, null);
                out.add(result.success() ? result : new RecordResult(id, false, false, result.errors()));
            }
            return finish(engine, out, allOrNone);
        });
        return ApiResponse.json(200, toJson(results, false));
    }

    private ApiResponse save(ApiRequest request, Endpoint endpoint, FieldDef upsertKey, boolean upsert, Operation op) {
        JsonNode body = Json.parse(request.body());
        JsonNode records = body.path("records");
        if (!records.isArray()) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", "records must be an array");
        }
        checkSize(records.size(), MAX_RECORDS);
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        List<Item> items = new ArrayList<>();
        records.forEach(record -> items.add(item(record)));
        if (upsertKey != null) {
            markDuplicateKeys(items, upsertKey);
        }
        counters.addRecords(endpoint, items.size());
        boolean allowDuplicates = DuplicateRules.allowsSave(request.header(DuplicateRules.HEADER));
        List<RecordResult> results = org.write(rejections, WriteOrigin.rest(request), allowDuplicates, engine -> {
            List<RecordResult> out = new ArrayList<>();
            items.forEach(
                    item -> out.add(item.error() != null ? RecordResult.failed(item.error()) : op.apply(engine, item)));
            return finish(engine, out, allOrNone);
        });
        return ApiResponse.json(200, toJson(results, upsert));
    }

    private Item item(JsonNode record) {
        if (!record.isObject()) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", "Each record must be a JSON object");
        }
        JsonNode typeName = record.path("attributes").path("type");
        if (!typeName.isTextual() || typeName.asText().isBlank()) {
            return Item.failed(ApiError.of("INVALID_TYPE", "Must specify a type in the attributes of each record"));
        }
        Optional<ObjectDef> type = org.schema().object(typeName.asText());
        if (type.isEmpty()) {
            return Item.failed(
                    ApiError.of("INVALID_TYPE", "sObject type '" + typeName.asText() + "' is not supported."));
        }
        RecordInput.Parsed parsed = RecordInput.fromJson(org.schema(), type.get(), (ObjectNode) record);
        return new Item(type.get(), parsed.values(), parsed.error());
    }

    private static void markDuplicateKeys(List<Item> items, FieldDef key) {
        List<Map<String, Object>> values = items.stream()
                .map(item -> item.error() == null ? item.values() : null)
                .toList();
        for (int i : DuplicateKeys.positions(values, key)) {
            items.set(i, Item.failed(DuplicateKeys.error(items.get(i).values().get(key.name()))));
        }
    }

    private static List<RecordResult> finish(WriteEngine engine, List<RecordResult> results, boolean allOrNone) {
        if (allOrNone && results.stream().anyMatch(r -> !r.success())) {
            engine.rollback();
            return results.stream().map(RecordResult::rolledBack).toList();
        }
        return results;
    }

    private static ArrayNode toJson(List<RecordResult> results, boolean upsert) {
        ArrayNode array = Json.array();
        results.forEach(result -> array.add(result.toJson(upsert)));
        return array;
    }

    static void checkSize(int size, int max) {
        if (size > max) {
            throw ApiException.badRequest(
                    "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + max + " records into this call");
        }
    }

    /** {@code composite/sobjects/{type}} read like {@code sobjects/{type}} so the type lookup is shared. */
    static ApiRequest shifted(ApiRequest request) {
        List<String> segments = new ArrayList<>(request.segments());
        segments.remove(3);
        return new ApiRequest(request.method(), segments, request.params(), request.headers(), request.body());
    }
}
