package io.prmsync.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.support.WebhookSender;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Thousands of generated hostile requests against each webhook: random bytes, mutated and truncated bodies,
 * correctly signed bodies with a broken field, garbled signatures, wrong media types, hostile XML. None may be
 * stored and none may get a 5xx. The seed is printed; rerun one with {@code -Dwebhook.fuzz.seed=<seed>}, and
 * change the number per endpoint with {@code -Dwebhook.fuzz.requests=<n>}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "prm-sync.sandbox.seed=false",
            "prm-sync.schedule.first-run-delay=3600000",
            "spring.datasource.url=jdbc:h2:mem:webhook-fuzz;DB_CLOSE_DELAY=-1",
            "prm-sync.webhooks.prm.secrets=" + WebhookFuzzIT.PRM_SECRET,
            "prm-sync.webhooks.salesforce.secrets=" + WebhookFuzzIT.SF_SECRET,
            "prm-sync.webhooks.salesforce.organization-id=" + WebhookSender.ORG_ID,
            // Thousands of refusals from one address: the 429 they would earn is WebhookRefusalLimitIT's subject.
            "prm-sync.webhooks.refusals.max-per-address=1000000",
            "prm-sync.admin.tokens=test-admin-token"
        })
class WebhookFuzzIT {

    static final String PRM_SECRET = "fuzz-prm-secret-5b1d8e";
    static final String SF_SECRET = "fuzz-sf-secret-93c7a0";
    private static final long SEED = Long.getLong("webhook.fuzz.seed", 20261204L);
    private static final int REQUESTS = Integer.getInteger("webhook.fuzz.requests", 1000);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebhookTargets targets;

    @Autowired
    ObjectMapper json;

    private WebhookSender sender;

    @BeforeAll
    static void printSeed() {
        System.out.println("WebhookFuzzIT seed " + SEED + " (rerun with -Dwebhook.fuzz.seed=" + SEED + "), " + REQUESTS
                + " requests per endpoint");
    }

    @BeforeEach
    void sender() {
        sender = new WebhookSender(port);
        assertThat(inboxSize()).as("the inbox before fuzzing").isZero();
    }

    @Test
    void thePrmWebhookRefusesEveryHostileRequest() {
        HostileRequests.Json requests =
                new HostileRequests.Json(new Random(SEED), false, PRM_SECRET, SF_SECRET, targets.prmEntities(), json);
        assertGeneratorStartsFromValidEvents(
                () -> new JsonWebhookEvents(json).prm(requests.validBody(), "s", targets.prmEntities()));

        fuzz("/webhooks/prm", requests::next);
    }

    @Test
    void theSalesforceWebhookRefusesEveryHostileRequest() {
        HostileRequests.Json requests = new HostileRequests.Json(
                new Random(SEED + 1), true, SF_SECRET, PRM_SECRET, targets.salesforceTypes(), json);
        assertGeneratorStartsFromValidEvents(
                () -> new JsonWebhookEvents(json).salesforce(requests.validBody(), "s", targets.salesforceTypes()));

        fuzz("/webhooks/salesforce", requests::next);
    }

    @Test
    void theOutboundMessageEndpointRefusesEveryHostileRequest() {
        HostileRequests.Soap requests =
                new HostileRequests.Soap(new Random(SEED + 2), WebhookSender.ORG_ID, targets.salesforceTypes());
        assertGeneratorStartsFromValidEvents(() -> {
            OutboundMessages.Message message =
                    OutboundMessages.parse(requests.valid().render().getBytes(UTF_8));
            assertThat(message.organizationId()).isEqualTo(WebhookSender.ORG_ID);
            assertThat(targets.salesforceTypes())
                    .containsAll(message.notifications().stream()
                            .map(OutboundMessages.Notification::sObjectType)
                            .toList());
        });

        fuzz("/webhooks/salesforce/outbound-message", requests::next);
    }

    /**
     * Markup nested deep inside an id: its text is still the id, but reading it recurses once per level. Found by
     * the fuzzing above; from another org, so it can only ever be refused.
     */
    @Test
    void deepMarkupInsideAnOutboundMessageIdGetsAFaultNotAServerError() {
        String id = "<w>".repeat(20_000) + "001000000000001AAA" + "</w>".repeat(20_000);
        String xml = WebhookSender.outboundMessageXml(
                "00E000000000001EAA", "Account", List.<String[]>of(new String[] {"04l000000000001AAA", id}), "");

        HttpResponse<String> response = sender.outboundMessage(xml);

        assertThat(response.statusCode()).as(abbreviate(response.body())).isBetween(400, 499);
        assertThat(response.body()).contains("<faultcode>soapenv:Client</faultcode>");
        assertThat(inboxSize()).isZero();
    }

    /**
     * A signed, valid event whose body is within the 1 MB limit: stored (202) or refused (4xx), never a 5xx. The
     * payload column holds 1,000,000 characters, fewer than the limit allows.
     */
    @Test
    void aSignedEventThatFitsTheBodyLimitIsNeverAServerError() {
        String eventId = "fz-big-" + SEED;
        String body = "{\"eventId\":\"" + eventId + "\",\"entity\":\"activity\",\"id\":\"A-fuzz-none\","
                + "\"operation\":\"upsert\",\"pad\":\"" + "x".repeat(1_040_000) + "\"}";
        try {
            HttpResponse<String> response = sender.signed("/webhooks/prm", PRM_SECRET, body);

            assertThat(body.getBytes(UTF_8).length).isLessThan(1024 * 1024);
            assertThat(response.statusCode()).as(abbreviate(response.body())).isLessThan(500);
        } finally {
            jdbc.sql("DELETE FROM webhook_inbox WHERE event_id = :e")
                    .param("e", eventId)
                    .update();
        }
    }

    // --- the loop -----------------------------------------------------------------------------------------------

    private void fuzz(String path, Supplier<HostileRequests.Request> requests) {
        Map<String, Integer> kinds = new TreeMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> failedKinds = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Instant started = Instant.now();
        for (int i = 0; i < REQUESTS; i++) {
            HostileRequests.Request request = requests.get();
            String kind = request.kind();
            kinds.merge(kind.replaceAll("\\(\\d+\\)", ""), 1, Integer::sum);
            String problem;
            int status = -1;
            String answer = "";
            try {
                HttpResponse<String> response = sender.post(path, request.body(), request.headers());
                status = response.statusCode();
                answer = response.body();
                statuses.merge(status, 1, Integer::sum);
                boolean clientError = status >= 400 && status <= 499;
                problem = !clientError
                        ? "status " + status
                        : !request.expected().isEmpty() && !request.expected().contains(status)
                                ? "status " + status + ", expected " + request.expected()
                                : null;
            } catch (RuntimeException e) {
                problem = "no response: " + e;
            }
            if (problem != null) {
                failedKinds.merge(kind.replaceAll("\\(\\d+\\)", "") + " -> " + problem, 1, Integer::sum);
                if (failures.size() < 15) {
                    failures.add("#" + i + " " + kind + ": " + problem + "\n      headers " + request.headers()
                            + "\n      body    " + preview(request.body()) + "\n      answer  " + abbreviate(answer));
                }
            }
        }
        Duration took = Duration.between(started, Instant.now());
        long stored = inboxSize();
        System.out.printf(
                "WebhookFuzzIT %s: %d requests in %d ms (seed %d); statuses %s%n  kinds %s%n",
                path, REQUESTS, took.toMillis(), SEED, statuses, kinds);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(failedKinds)
                .as(
                        "requests to %s that did not get the expected 4xx (seed %d), by kind;" + " first ones:%n%s",
                        path, SEED, String.join("\n", failures))
                .isEmpty();
        softly.assertThat(stored)
                .as("events stored by hostile requests to %s (seed %d)", path, SEED)
                .isZero();
        softly.assertAll();
    }

    private void assertGeneratorStartsFromValidEvents(org.assertj.core.api.ThrowableAssert.ThrowingCallable valid) {
        for (int i = 0; i < 20; i++) {
            assertThatCode(valid)
                    .as("the unmutated base of the generated requests")
                    .doesNotThrowAnyException();
        }
    }

    private long inboxSize() {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_inbox").query(Long.class).single();
    }

    private static String preview(byte[] body) {
        StringBuilder text = new StringBuilder();
        String decoded = new String(body, 0, Math.min(body.length, 300), UTF_8);
        decoded.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfffd) {
                text.append(String.format("\\x%02x", c & 0xff));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text + (body.length > 300 ? "… (" + body.length + " bytes)" : "");
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
