package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A Salesforce error: the code clients branch on, the human message, and the fields concerned. */
record ApiError(String errorCode, String message, List<String> fields) {

    ApiError {
        fields = List.copyOf(fields);
    }

    static ApiError of(String errorCode, String message, String... fields) {
        return new ApiError(errorCode, message, List.of(fields));
    }

    /** The request-level shape: {@code {"message","errorCode","fields"?}}. */
    ObjectNode toRequestErrorJson() {
        ObjectNode node = Json.object().put("message", message).put("errorCode", errorCode);
        if (!fields.isEmpty()) {
            fields.forEach(node.putArray("fields")::add);
        }
        return node;
    }

    /** The per-record shape inside collection and save results: {@code {"statusCode","message","fields"}}. */
    ObjectNode toRecordErrorJson() {
        ObjectNode node = Json.object().put("statusCode", errorCode).put("message", message);
        fields.forEach(node.putArray("fields")::add);
        return node;
    }
}
