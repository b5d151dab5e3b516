package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /composite}: up to 25 subrequests in one API call, answered in order, each with its own status.
 * Salesforce allows at most 5 of them to be queries (or sObject Collections); the simulator serves query and
 * queryAll subrequests (the SOQL travels in the body, so a statement may be far longer than a URL allows) and
 * answers any other with a subrequest error. Salesforce documents no URL limit for a subrequest; the simulator, as
 * strict as Salesforce or stricter, holds each to the {@value SalesforceSimulator#REQUEST_HEAD_BYTES} bytes a
 * request's own URI and headers may have.
 */
final class CompositeHandler {

    static final int MAX_SUBREQUESTS = 25;
    static final int MAX_QUERIES = 5;

    private final QueryHandler queries;

    CompositeHandler(QueryHandler queries) {
        this.queries = queries;
    }

    ApiResponse composite(ApiRequest request) {
        JsonNode body = Json.parse(request.body());
        JsonNode subrequests = body.path("compositeRequest");
        if (!subrequests.isArray() || subrequests.isEmpty()) {
            throw ApiException.badRequest("INVALID_INPUT", "compositeRequest must hold at least one subrequest");
        }
        if (subrequests.size() > MAX_SUBREQUESTS) {
            throw ApiException.badRequest(
                    "LIMIT_EXCEEDED",
                    "A composite request holds at most " + MAX_SUBREQUESTS + " subrequests, not " + subrequests.size());
        }
        List<ApiRequest> parsed = new ArrayList<>();
        long queryCount = 0;
        for (JsonNode subrequest : subrequests) {
            ApiRequest sub = subrequest(request, subrequest);
            parsed.add(sub);
            if (isQuery(sub)) {
                queryCount++;
            }
        }
        if (queryCount > MAX_QUERIES) {
            throw ApiException.badRequest(
                    "LIMIT_EXCEEDED",
                    "A composite request holds at most " + MAX_QUERIES + " query or collection subrequests, not "
                            + queryCount);
        }
        ArrayNode responses = Json.array();
        for (int i = 0; i < parsed.size(); i++) {
            JsonNode subrequest = subrequests.get(i);
            responses.add(answer(
                    parsed.get(i),
                    subrequest.path("url").asText().length(),
                    subrequest.path("referenceId").asText()));
        }
        ObjectNode answer = Json.object();
        answer.set("compositeResponse", responses);
        return ApiResponse.json(200, answer);
    }

    private static ApiRequest subrequest(ApiRequest parent, JsonNode subrequest) {
        String method = subrequest.path("method").asText("");
        String url = subrequest.path("url").asText("");
        String referenceId = subrequest.path("referenceId").asText("");
        if (method.isEmpty() || !url.startsWith("/services/data/v") || referenceId.isEmpty()) {
            throw ApiException.badRequest(
                    "INVALID_INPUT",
                    "Each subrequest needs a method, a url under /services/data/vNN.N and a referenceId: "
                            + subrequest);
        }
        return ApiRequest.of(method, url, parent::header, null);
    }

    private static boolean isQuery(ApiRequest sub) {
        List<String> resource = sub.segments().size() > 3 ? sub.resource() : List.of();
        return !resource.isEmpty()
                && (resource.get(0).equals("query") || resource.get(0).equals("queryAll"));
    }

    private ObjectNode answer(ApiRequest sub, int urlLength, String referenceId) {
        ApiResponse response;
        try {
            if (urlLength > SalesforceSimulator.REQUEST_HEAD_BYTES) {
                throw ApiException.of(
                        414,
                        "URI_TOO_LONG",
                        "The subrequest's URL has " + urlLength + " characters; at most "
                                + SalesforceSimulator.REQUEST_HEAD_BYTES + " are accepted");
            }
            if (!sub.method().equals("GET") || !isQuery(sub) || sub.resource().size() != 1) {
                throw ApiException.badRequest(
                        "NOT_SUPPORTED", "The simulator serves query and queryAll subrequests only");
            }
            response = sub.resource().get(0).equals("queryAll") ? queries.queryAll(sub) : queries.query(sub);
        } catch (ApiException e) {
            response = e.toResponse();
        }
        ObjectNode node = Json.object();
        node.set("body", Json.parse(response.body()));
        node.putObject("httpHeaders");
        node.put("httpStatusCode", response.status());
        node.put("referenceId", referenceId);
        return node;
    }
}
