package io.prmsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The admin API's OpenAPI document: guarded by the admin token, describing every admin and webhook endpoint the
 * service has with every error as a problem, and equal to the committed {@code docs/openapi.json}. After an
 * intended change, {@code -Dopenapi.write=true} rewrites the committed copy (and fails once, so the rewrite is never
 * silent). Same context as
 * {@link MetricsScrapeIT}.
 */
@OperationsServiceTest
class OpenApiContractIT {

    private static final Path COMMITTED = Path.of("docs/openapi.json");

    @Autowired
    TestRestTemplate http;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void theDocumentDescribesEveryEndpointWithItsProblemsAndEqualsTheCommittedCopy() throws Exception {
        assertThat(get(new HttpHeaders()).getStatusCode().value())
                .as("the document needs the admin token")
                .isEqualTo(401);
        HttpHeaders token = new HttpHeaders();
        token.setBearerAuth(OperationsServiceTest.TOKEN);
        ResponseEntity<String> response = get(token);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        ObjectMapper json = new ObjectMapper();
        JsonNode running = json.readTree(response.getBody());

        Set<String> served = new TreeSet<>();
        handlers.getHandlerMethods()
                .keySet()
                .forEach(mapping -> mapping.getPatternValues().stream()
                        .filter(path -> path.startsWith("/api/") || path.startsWith("/webhooks/"))
                        .forEach(path -> mapping.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> served.add(method.name() + " " + path))));
        Set<String> described = new TreeSet<>();
        running.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    described.add(name);
                    JsonNode op = operation.getValue();
                    assertThat(op.path("summary").asText())
                            .as(name + " summary")
                            .isNotBlank();
                    op.path("responses").properties().forEach(answer -> {
                        if (!answer.getKey().startsWith("2") && !path.getKey().endsWith("/outbound-message")) {
                            assertThat(answer.getValue()
                                            .at("/content/application~1problem+json/schema/$ref")
                                            .asText())
                                    .as(name + " " + answer.getKey())
                                    .isEqualTo("#/components/schemas/Problem");
                        }
                    });
                    if (path.getKey().startsWith("/api/")) {
                        assertThat(op.path("responses").has("401"))
                                .as(name + " answers 401")
                                .isTrue();
                        assertThat(op.path("security").toString()).as(name).contains("adminToken");
                    }
                }));
        assertThat(served).hasSizeGreaterThan(20);
        assertThat(described).as("endpoints the document describes").isEqualTo(served);

        Path written = Path.of("target/openapi.json");
        String pretty = json.writerWithDefaultPrettyPrinter().writeValueAsString(running) + "\n";
        Files.writeString(written, pretty);
        boolean same = running.equals(json.readTree(COMMITTED.toFile()));
        if (!same && Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, pretty);
            throw new AssertionError(COMMITTED + " rewritten from the running document: review and commit it");
        }
        assertThat(same)
                .as(
                        "the running document (%s) differs from %s; if the change is intended, run this test with"
                                + " -Dopenapi.write=true and commit the file",
                        written, COMMITTED)
                .isTrue();
    }

    private ResponseEntity<String> get(HttpHeaders headers) {
        return http.exchange("/v3/api-docs", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }
}
