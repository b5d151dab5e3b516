package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Renders rows the way the REST API does: an {@code attributes} object first, then the fields. */
final class RecordRenderer {

    private final String apiVersion;

    RecordRenderer(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    ObjectNode withFields(StoredRecord record, List<FieldDef> fields) {
        ObjectNode node = withAttributes(record);
        fields.forEach(field -> node.set(field.name(), FieldValues.toJson(record.get(field.name()))));
        return node;
    }

    /** Nests relationship paths as Salesforce does: {@code "PartnerAccount": {"attributes": …, "Name": …}} or null. */
    ObjectNode selected(StoredRecord record, List<ResolvedPath> paths, OrgData data) {
        ObjectNode node = withAttributes(record);
        paths.forEach(path -> put(node, record, path, 0, data));
        return node;
    }

    private void put(ObjectNode node, StoredRecord record, ResolvedPath path, int depth, OrgData data) {
        if (depth == path.lookups().size()) {
            node.set(
                    path.field().name(),
                    FieldValues.toJson(record.get(path.field().name())));
            return;
        }
        FieldDef lookup = path.lookups().get(depth);
        JsonNode existing = node.get(lookup.relationshipName());
        if (existing != null && existing.isNull()) {
            return;
        }
        if (existing != null) {
            StoredRecord parent = data.find((String) record.get(lookup.name())).orElseThrow();
            put((ObjectNode) existing, parent, path, depth + 1, data);
            return;
        }
        Object parentId = record.get(lookup.name());
        StoredRecord parent = parentId == null
                ? null
                : data.find((String) parentId).filter(r -> !r.deleted()).orElse(null);
        if (parent == null) {
            node.putNull(lookup.relationshipName());
            return;
        }
        ObjectNode child = withAttributes(parent);
        node.set(lookup.relationshipName(), child);
        put(child, parent, path, depth + 1, data);
    }

    private ObjectNode withAttributes(StoredRecord record) {
        ObjectNode node = Json.object();
        node.putObject("attributes")
                .put("type", record.type().name())
                .put(
                        "url",
                        "/services/data/v" + apiVersion + "/sobjects/"
                                + record.type().name() + "/" + record.id());
        return node;
    }
}
