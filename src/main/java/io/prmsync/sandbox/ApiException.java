package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/** A whole-request failure, answered as Salesforce does: an HTTP status and a JSON array of errors. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<ApiError> errors;

    ApiException(int status, List<ApiError> errors) {
        super(
                errors.isEmpty()
                        ? "HTTP " + status
                        : errors.get(0).errorCode() + ": " + errors.get(0).message());
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    static ApiException of(int status, String errorCode, String message) {
        return new ApiException(status, List.of(ApiError.of(errorCode, message)));
    }

    static ApiException badRequest(String errorCode, String message) {
        return of(400, errorCode, message);
    }

    static ApiException notFound() {
        return of(404, "NOT_FOUND", "The requested resource does not exist");
    }

    ApiResponse toResponse() {
        ArrayNode body = Json.array();
        errors.forEach(error -> body.add(error.toRequestErrorJson()));
        return ApiResponse.json(status, body);
    }
}
