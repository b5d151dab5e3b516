package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code GET|POST /composite/sobjects/{type}}: many records by id, null where an id finds nothing. */
final class CollectionRetrieval {

    private static final int MAX_IDS = 2000;

    private final SimulatedOrg org;

    CollectionRetrieval(SimulatedOrg org) {
        this.org = org;
    }

    ApiResponse retrieve(ApiRequest request) {
        ObjectDef type = SObjectHandler.typeFromPath(org, CollectionsHandler.shifted(request));
        List<String> ids;
        List<String> fieldNames;
        if (request.method().equals("POST")) {
            JsonNode body = Json.parse(request.body());
            ids = texts(body.path("ids"));
            fieldNames = texts(body.path("fields"));
        } else {
            ids = request.param("ids").map(s -> Arrays.asList(s.split(","))).orElse(List.of());
            fieldNames = request.param("fields")
                    .map(s -> Arrays.asList(s.split(",")))
                    .orElse(List.of());
        }
        CollectionsHandler.checkSize(ids.size(), MAX_IDS);
        List<FieldDef> fields = fieldNames.stream()
                .map(String::trim)
                .map(name -> type.field(name)
                        .orElseThrow(() -> ApiException.badRequest(
                                "INVALID_FIELD", "No such column '" + name + "' on entity '" + type.name() + "'")))
                .toList();
        RecordRenderer renderer = new RecordRenderer(request.apiVersion());
        ArrayNode records = org.read(data -> {
            ArrayNode out = Json.array();
            for (String id : ids) {
                Optional<StoredRecord> found = SalesforceIds.isWellFormed(id.trim())
                        ? data.find(SalesforceIds.to18(id.trim())).filter(r -> r.type() == type && !r.deleted())
                        : Optional.empty();
                out.add(found.<JsonNode>map(r -> renderer.withFields(r, fields)).orElse(Json.MAPPER.nullNode()));
            }
            return out;
        });
        return ApiResponse.json(200, records);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
