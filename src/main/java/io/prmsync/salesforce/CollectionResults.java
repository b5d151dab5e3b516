package io.prmsync.salesforce;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;

/** Turns the Salesforce component's collection results into per-record outcomes, in request order. */
public final class CollectionResults {

    private CollectionResults() {}

    public static List<WriteOutcome> outcomes(List<? extends SaveSObjectResult> results) {
        return results.stream().map(CollectionResults::outcome).toList();
    }

    private static WriteOutcome outcome(SaveSObjectResult result) {
        if (Boolean.TRUE.equals(result.getSuccess())) {
            boolean created = result instanceof UpsertSObjectResult upsert && Boolean.TRUE.equals(upsert.getCreated());
            return new WriteOutcome.Saved(result.getId(), created);
        }
        List<RestError> errors = result.getErrors() == null ? List.of() : result.getErrors();
        if (errors.isEmpty()) {
            return new WriteOutcome.Rejected("UNKNOWN_ERROR", "Salesforce reported a failure without an error");
        }
        String message = errors.stream().map(CollectionResults::describe).collect(Collectors.joining("; "));
        return new WriteOutcome.Rejected(errors.get(0).getErrorCode(), message);
    }

    private static String describe(RestError error) {
        String fields = error.getFields() == null || error.getFields().isEmpty()
                ? ""
                : " (fields " + String.join(", ", error.getFields()) + ")";
        return error.getErrorCode() + ": " + error.getMessage() + fields;
    }
}
