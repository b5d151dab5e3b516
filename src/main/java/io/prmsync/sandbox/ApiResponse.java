package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers, before it becomes a WireMock response definition. */
record ApiResponse(int status, JsonNode body, Map<String, String> headers, Fault fault) {

    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, body, Map.of(), null);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of(), null);
    }

    static ApiResponse fault(Fault fault) {
        return new ApiResponse(0, null, Map.of(), fault);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, body, copy, fault);
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
            builder.withHeader("Content-Type", "application/json;charset=UTF-8").withBody(Json.write(body));
        }
        return builder.build();
    }
}
