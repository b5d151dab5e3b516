package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for the simulator, speaking the REST API as any integration would. */
final class SimulatorClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DATA = "/services/data/v62.0";

    /** An answer with its body parsed when it is JSON (Bulk API results are CSV, left as text). */
    record Reply(int status, String body, JsonNode json, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final SalesforceSimulator simulator;
    private String token;

    SimulatorClient(SalesforceSimulator simulator) {
        this.simulator = simulator;
    }

    static SimulatorClient loggedIn(SalesforceSimulator simulator) {
        SimulatorClient client = new SimulatorClient(simulator);
        client.login();
        return client;
    }

    void login() {
        SimulatorSettings s = SimulatorSettings.defaults();
        Reply reply = token(Map.of(
                "grant_type",
                "password",
                "client_id",
                s.clientId(),
                "client_secret",
                s.clientSecret(),
                "username",
                s.username(),
                "password",
                s.password()));
        if (reply.status() != 200) {
            throw new IllegalStateException("login failed: " + reply.body());
        }
        token = reply.json().get("access_token").asText();
    }

    String token() {
        return token;
    }

    void useToken(String newToken) {
        token = newToken;
    }

    Reply token(Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri("/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    Reply query(String soql) {
        return get(DATA + "/query/?q=" + encode(soql));
    }

    Reply queryAll(String soql) {
        return get(DATA + "/queryAll/?q=" + encode(soql));
    }

    Reply query(String soql, int batchSize) {
        return send(authorized(DATA + "/query/?q=" + encode(soql))
                .header("Sforce-Query-Options", "batchSize=" + batchSize)
                .GET());
    }

    Reply get(String path) {
        return send(authorized(path).GET());
    }

    Reply send(String method, String path, Object body) {
        String json = body == null ? "" : body instanceof String s ? s : write(body);
        return send(authorized(path)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Bulk API 2.0's upload: {@code PUT} of a CSV body. */
    Reply putCsv(String path, String csv) {
        return send(authorized(path).header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString(csv)));
    }

    /** Sends a raw request and lets connection failures surface as {@link UncheckedIOException}. */
    Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            boolean isJson =
                    response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = body == null || body.isBlank() || !isJson ? null : JSON.readTree(body);
            return new Reply(response.statusCode(), body, json, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder authorized(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    URI uri(String path) {
        return URI.create(simulator.baseUrl() + path);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }
}
