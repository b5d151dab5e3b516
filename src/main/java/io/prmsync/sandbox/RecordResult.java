package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The outcome of writing one record, rendered as Salesforce's SaveResult / UpsertResult. */
record RecordResult(String id, boolean success, boolean created, List<ApiError> errors) {

    static final ApiError ROLLED_BACK = ApiError.of(
            "ALL_OR_NONE_OPERATION_ROLLED_BACK",
            "Record rolled back because not all records were valid and the request was using AllOrNone header");

    RecordResult {
        errors = List.copyOf(errors);
    }

    static RecordResult saved(String id, boolean created) {
        return new RecordResult(id, true, created, List.of());
    }

    static RecordResult failed(ApiError error) {
        return new RecordResult(null, false, false, List.of(error));
    }

    static RecordResult failed(String errorCode, String message, String... fields) {
        return failed(ApiError.of(errorCode, message, fields));
    }

    RecordResult rolledBack() {
        return success ? failed(ROLLED_BACK) : this;
    }

    /** Failed results carry no id, as in Salesforce; {@code created} only appears in upsert answers. */
    ObjectNode toJson(boolean upsert) {
        ObjectNode node = Json.object();
        if (id != null) {
            node.put("id", id);
        }
        node.put("success", success);
        var errorArray = node.putArray("errors");
        errors.forEach(error -> errorArray.add(error.toRecordErrorJson()));
        if (upsert) {
            node.put("created", created);
        }
        return node;
    }
}
