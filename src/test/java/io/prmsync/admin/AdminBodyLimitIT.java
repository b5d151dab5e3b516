package io.prmsync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Admin request bodies over their limit get 413 problem details naming it, whether the length is declared or the
 * body comes chunked; bodies within it are served. The shipped limits: 256 KiB for the dry run's rules, 64 KiB
 * for any other admin body.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:admin-body-limit;DB_CLOSE_DELAY=-1",
            "prm-sync.sandbox.seed=false",
            "prm-sync.schedule.first-run-delay=3600000",
            "prm-sync.admin.tokens=" + AdminBodyLimitIT.TOKEN
        })
class AdminBodyLimitIT {

    static final String TOKEN = "body-limit-token";
    private static final int DRY_RUN_LIMIT = 256 * 1024;
    private static final int GENERAL_LIMIT = 64 * 1024;

    @LocalServerPort
    int port;

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Nested
    class TheDryRunsCandidateRules {

        @Test
        void overTheLimitWithAContentLengthAreRefusedNamingIt() throws Exception {
            HttpResponse<String> response = dryRun(rulesOfSize(DRY_RUN_LIMIT + 1), false);

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body())
                    .contains("\"status\":413")
                    .contains("262144-byte limit of POST /api/tiers/dry-run (prm-sync.admin.max-dry-run-size)")
                    .contains("\"limit\":262144");
        }

        @Test
        void overTheLimitChunkedAreRefusedNamingIt() throws Exception {
            HttpResponse<String> response = dryRun(rulesOfSize(DRY_RUN_LIMIT + 1), true);

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("262144-byte limit");
        }

        @Test
        void atTheLimitAreDryRunEitherWay() throws Exception {
            byte[] rules = rulesOfSize(DRY_RUN_LIMIT);

            for (boolean chunked : new boolean[] {false, true}) {
                HttpResponse<String> response = dryRun(rules, chunked);

                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).contains("moves");
            }
        }
    }

    @Nested
    class AnyOtherAdminBody {

        @Test
        void overTheGeneralLimitIsRefusedEitherWay() throws Exception {
            byte[] json = ("{\"pad\":\"" + "x".repeat(GENERAL_LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);

            for (boolean chunked : new boolean[] {false, true}) {
                HttpResponse<String> response =
                        post("/api/sync/partner-accounts/run", json, "application/json", chunked);

                assertThat(response.statusCode()).isEqualTo(413);
                assertThat(response.body()).contains("65536-byte limit of POST /api/sync/partner-accounts/run");
            }
        }

        @Test
        void aCallerWithoutTheTokenIsRefusedBeforeItsBodyIsLookedAt() throws Exception {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tiers/dry-run"))
                            .header("Content-Type", "application/yaml")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(rulesOfSize(DRY_RUN_LIMIT + 1)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(401);
        }
    }

    /** The shipped rules, padded with a comment to exactly {@code size} bytes. */
    private static byte[] rulesOfSize(int size) throws IOException {
        String rules = Files.readString(Path.of("config/tier-rules.yaml"), StandardCharsets.UTF_8);
        String padded = rules + "\n# " + "x".repeat(size - rules.getBytes(StandardCharsets.UTF_8).length - 4) + "\n";
        byte[] bytes = padded.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(size);
        return bytes;
    }

    private HttpResponse<String> dryRun(byte[] rules, boolean chunked) throws Exception {
        return post("/api/tiers/dry-run", rules, "application/yaml", chunked);
    }

    private HttpResponse<String> post(String path, byte[] body, String type, boolean chunked) throws Exception {
        // A publisher of unknown length makes the client send the body chunked.
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", type)
                .POST(publisher)
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
