package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers, before it becomes a WireMock response definition: a status, a body already rendered
 * (JSON for the REST API, CSV for Bulk API 2.0 results) or none, and extra headers.
 */
record ApiResponse(int status, String body, String contentType, Map<String, String> headers, Fault fault) {

    private static final String JSON = "application/json;charset=UTF-8";
    private static final String CSV = "text/csv;charset=UTF-8";

    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, Json.write(body), JSON, Map.of(), null);
    }

    static ApiResponse csv(String body) {
        return new ApiResponse(200, body, CSV, Map.of(), null);
    }

    static ApiResponse empty(int status) {
        return new ApiResponse(status, null, null, Map.of(), null);
    }

    static ApiResponse noContent() {
        return empty(204);
    }

    static ApiResponse fault(Fault fault) {
        return new ApiResponse(0, null, null, Map.of(), fault);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, body, contentType, copy, fault);
    }

    ResponseDefinition toDefinition(Duration latency) {
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition();
        if (!latency.isZero()) {
            builder.withFixedDelay((int) latency.toMillis());
        }
        if (fault != null) {
            return builder.withFault(fault).build();
        }
        builder.withStatus(status);
        headers.forEach(builder::withHeader);
        if (body != null) {
            builder.withHeader("Content-Type", contentType).withBody(body);
        }
        return builder.build();
    }
}
