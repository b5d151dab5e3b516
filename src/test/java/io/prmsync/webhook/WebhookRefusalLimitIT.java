package io.prmsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.support.RawHttp;
import io.prmsync.support.WebhookSender;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Outbound Messages need the endpoint URL's token, and an address whose webhook requests keep being refused gets
 * 429 for a while, before anything it sends is checked; other addresses are not held up by it. Callers are told
 * apart by their loopback address: 127.0.0.1 is Salesforce, the others are guessing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:webhook-refusals;DB_CLOSE_DELAY=-1",
            "prm-sync.sandbox.seed=false",
            "prm-sync.schedule.first-run-delay=3600000",
            "prm-sync.admin.tokens=refusals-admin-token",
            "prm-sync.webhooks.prm.secrets=" + WebhookRefusalLimitIT.PRM_SECRET,
            "prm-sync.webhooks.salesforce.secrets=refusals-sf-secret",
            "prm-sync.webhooks.salesforce.outbound-message-token=" + WebhookRefusalLimitIT.TOKEN,
            "prm-sync.webhooks.refusals.max-per-address=3",
            "prm-sync.webhooks.refusals.window=PT1M"
        })
class WebhookRefusalLimitIT {

    static final String TOKEN = "om-refusals-token-4c1e";
    static final String PRM_SECRET = "refusals-prm-secret";
    private static final String ENDPOINT = "/webhooks/salesforce/outbound-message";
    private static final AtomicLong IDS = new AtomicLong(1);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOutboundMessageWithoutOrWithAWrongTokenIsRefusedAndNothingIsStored() throws Exception {
        String notification = notificationId();
        byte[] message = message(notification);

        RawHttp.Response noToken = outboundMessage("127.0.0.3", ENDPOINT, message);
        RawHttp.Response wrongToken = outboundMessage("127.0.0.3", ENDPOINT + "?token=" + TOKEN + "x", message);

        assertThat(noToken.status()).isEqualTo(401);
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(wrongToken.body())
                .contains("<faultcode>soapenv:Client</faultcode>")
                .doesNotContain("<Ack>");
        assertThat(stored(notification)).isZero();
    }

    @Test
    void afterTheLimitAnAddressGets429BeforeItsTokenIsCheckedWhileOthersStillGetIn() throws Exception {
        String guesser = "127.0.0.2";
        byte[] body = WebhookSender.prmEvent("evt-refusals", "activity", "A-none", "upsert")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(outboundMessage(guesser, ENDPOINT + "?token=guess-1", message(notificationId()))
                        .status())
                .isEqualTo(401);
        assertThat(outboundMessage(guesser, ENDPOINT + "?token=guess-2", message(notificationId()))
                        .status())
                .isEqualTo(401);
        assertThat(RawHttp.post(
                                guesser,
                                port,
                                "/webhooks/prm",
                                Map.of(
                                        "Content-Type",
                                        "application/json",
                                        WebhookSignature.HEADER,
                                        "t=1,v1=" + "0".repeat(64)),
                                body)
                        .status())
                .as("a forged signature counts too")
                .isEqualTo(401);

        String withTheRightToken = notificationId();
        RawHttp.Response blocked = outboundMessage(guesser, ENDPOINT + "?token=" + TOKEN, message(withTheRightToken));
        RawHttp.Response blockedJson = RawHttp.post(
                guesser,
                port,
                "/webhooks/prm",
                Map.of(
                        "Content-Type",
                        "application/json",
                        WebhookSignature.HEADER,
                        WebhookSignature.sign(PRM_SECRET.getBytes(StandardCharsets.UTF_8), Instant.now(), body)),
                body);

        assertThat(blocked.status())
                .as("even with the right token: not checked at all")
                .isEqualTo(429);
        assertThat(blocked.header("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(blocked.body()).contains("<faultcode>soapenv:Client</faultcode>");
        assertThat(blockedJson.status()).isEqualTo(429);
        assertThat(blockedJson.header("Retry-After")).isPresent();
        assertThat(blockedJson.header("Content-Type")).hasValue("application/problem+json");
        assertThat(stored(withTheRightToken)).isZero();
        assertThat(stored("evt-refusals")).isZero();

        String fromSalesforce = notificationId();
        HttpResponse<String> accepted = new WebhookSender(port)
                .post(
                        ENDPOINT + "?token=" + TOKEN,
                        message(fromSalesforce),
                        Map.of("Content-Type", "text/xml; charset=utf-8"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("<Ack>true</Ack>");
        assertThat(stored(fromSalesforce)).isEqualTo(1);
    }

    private RawHttp.Response outboundMessage(String from, String target, byte[] message) throws Exception {
        return RawHttp.post(from, port, target, Map.of("Content-Type", "text/xml; charset=utf-8"), message);
    }

    private static byte[] message(String notificationId) {
        return WebhookSender.outboundMessageXml(
                        WebhookSender.ORG_ID,
                        "Account",
                        List.<String[]>of(new String[] {notificationId, "001000000000001AAA"}),
                        "")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String notificationId() {
        return "04l" + String.format("%012d", IDS.getAndIncrement()) + "AAA";
    }

    private long stored(String eventId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_inbox WHERE event_id = :e")
                .param("e", eventId)
                .query(Long.class)
                .single();
    }
}
