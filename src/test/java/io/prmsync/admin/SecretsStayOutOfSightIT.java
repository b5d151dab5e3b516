package io.prmsync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sandbox.SimulatorSettings;
import io.prmsync.support.SyncDriver;
import io.prmsync.support.WebhookSender;
import io.prmsync.webhook.WebhookSignature;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * A full sandbox run plus a series of failing requests, with every secret configured: none of the secret values
 * may show up in the log, in an error response, in the admin API or in the actuator's env and configprops.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:secrets;DB_CLOSE_DELAY=-1",
            "spring.datasource.password=" + SecretsStayOutOfSightIT.DB_PASSWORD,
            "prm-sync.admin.tokens=" + SecretsStayOutOfSightIT.ADMIN_TOKEN,
            "prm-sync.admin.basic-username=ops",
            "prm-sync.admin.basic-password=" + SecretsStayOutOfSightIT.BASIC_PASSWORD,
            "prm-sync.webhooks.prm.secrets=" + SecretsStayOutOfSightIT.PRM_SECRET,
            "prm-sync.webhooks.salesforce.secrets=" + SecretsStayOutOfSightIT.SF_SECRET,
            "prm-sync.webhooks.salesforce.outbound-message-token=" + SecretsStayOutOfSightIT.OM_TOKEN,
            "management.endpoints.web.exposure.include=health,info,env,configprops",
            "prm-sync.schedule.first-run-delay=3600000",
            "prm-sync.sync.settle-lag=PT0S",
            "prm-sync.sandbox.millisecond-stamps=true"
        })
class SecretsStayOutOfSightIT {

    static final String DB_PASSWORD = "db-pw-5b1f0c7e91";
    static final String ADMIN_TOKEN = "admin-token-9c2e44d1aa";
    static final String BASIC_PASSWORD = "basic-pw-77e0b3f2c4";
    static final String PRM_SECRET = "prm-hook-secret-3d9a1f";
    static final String SF_SECRET = "sf-hook-secret-e4c82b";
    static final String OM_TOKEN = "om-token-0a7d55c3";

    @Autowired
    ProducerTemplate template;

    @Autowired
    TestRestTemplate http;

    @LocalServerPort
    int port;

    @Test
    void noSecretValueAppearsInLogsResponsesOrActuator(CapturedOutput output) {
        List<String> bodies = new ArrayList<>();
        SyncDriver sync = new SyncDriver(template);
        sync.syncProgram();

        for (String path : List.of(
                "/api/sync/status",
                "/api/dead-letters",
                "/api/partners",
                "/api/webhooks/inbox",
                "/api/sync/api-usage",
                "/actuator/env",
                "/actuator/configprops",
                "/actuator/health")) {
            ResponseEntity<String> response = get(path, bearer(ADMIN_TOKEN));
            assertThat(response.getStatusCode().is2xxSuccessful()).as(path).isTrue();
            bodies.add(response.getBody());
        }
        assertThat(get("/api/sync/status", basic("ops", BASIC_PASSWORD))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        for (HttpHeaders wrong : List.of(
                bearer(ADMIN_TOKEN.substring(1)),
                bearer(ADMIN_TOKEN + "x"),
                basic("ops", BASIC_PASSWORD + "x"),
                basic("admin", BASIC_PASSWORD),
                new HttpHeaders())) {
            ResponseEntity<String> refused = get("/api/sync/status", wrong);
            assertThat(refused.getStatusCode().value()).isEqualTo(401);
            bodies.add(refused.getBody());
        }

        WebhookSender webhooks = new WebhookSender(port);
        byte[] body = WebhookSender.prmEvent("e-1", "partner-account", "P-0001", "upsert")
                .getBytes(StandardCharsets.UTF_8);
        String stale = WebhookSignature.sign(
                PRM_SECRET.getBytes(StandardCharsets.UTF_8), Instant.now().minusSeconds(3600), body);
        for (String signature : List.of(stale, "t=1,v1=" + "ab".repeat(32), PRM_SECRET, "t=" + PRM_SECRET)) {
            HttpResponse<String> refused = webhooks.post(
                    "/webhooks/prm",
                    body,
                    Map.of("Content-Type", "application/json", WebhookSignature.HEADER, signature));
            assertThat(refused.statusCode()).isEqualTo(401);
            bodies.add(refused.body());
        }
        HttpResponse<String> accepted =
                webhooks.signed("/webhooks/prm", PRM_SECRET, new String(body, StandardCharsets.UTF_8));
        assertThat(accepted.statusCode()).isEqualTo(202);
        bodies.add(accepted.body());
        HttpResponse<String> forgedSalesforce = webhooks.signed(
                "/webhooks/salesforce",
                PRM_SECRET,
                "{\"eventId\":\"e\",\"sObjectType\":\"Account\",\"id\":\"001000000000001AAA\",\"operation\":\"upsert\"}");
        assertThat(forgedSalesforce.statusCode()).isEqualTo(401);
        bodies.add(forgedSalesforce.body());
        String message = WebhookSender.outboundMessageXml(
                WebhookSender.ORG_ID,
                "Account",
                List.<String[]>of(new String[] {"04l000000000001AAA", "001000000000001AAA"}),
                "");
        HttpResponse<String> noToken = webhooks.outboundMessage(message);
        assertThat(noToken.statusCode()).isEqualTo(401);
        bodies.add(noToken.body());
        HttpResponse<String> withToken = webhooks.post(
                "/webhooks/salesforce/outbound-message?token=" + OM_TOKEN,
                message.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/xml; charset=utf-8"));
        assertThat(withToken.statusCode()).isEqualTo(200);

        SimulatorSettings sandbox = SimulatorSettings.defaults();
        List<String> secrets = List.of(
                DB_PASSWORD,
                ADMIN_TOKEN,
                BASIC_PASSWORD,
                PRM_SECRET,
                SF_SECRET,
                OM_TOKEN,
                sandbox.clientSecret(),
                sandbox.password());
        // The capture must have seen the run, or finding nothing in it would prove nothing.
        assertThat(output.getAll()).contains("partner-accounts inbound incremental run");
        String everything = output.getAll() + String.join("\n", bodies);
        for (String secret : secrets) {
            assertThat(everything).as("a secret showed up").doesNotContain(secret);
        }
    }

    private ResponseEntity<String> get(String path, HttpHeaders headers) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private static HttpHeaders bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }

    private static HttpHeaders basic(String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(
                "Authorization",
                "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return headers;
    }
}
