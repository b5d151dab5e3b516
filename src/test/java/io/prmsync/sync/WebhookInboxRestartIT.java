package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.PrmSyncApplication;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.WebhookSender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbox outlives the process: an event answered with 202 by a process that then stopped before syncing it,
 * and an event a dead node had claimed, are both synced by the next process on the same store.
 */
class WebhookInboxRestartIT {

    private static final String SECRET = "restart-test-secret";

    @TempDir
    Path dir;

    @Test
    void eventsAcceptedOrClaimedBeforeTheProcessEndedAreSyncedAfterItStartsAgain() {
        String store = "jdbc:h2:file:" + dir.resolve("prm-store").toAbsolutePath();
        String answered = "P-answered-" + UUID.randomUUID().toString().substring(0, 8);
        String claimed = "P-claimed-" + UUID.randomUUID().toString().substring(0, 8);

        // First life: the inbox is never drained, as if the process died right after its answers.
        try (ConfigurableApplicationContext first = start(
                store, "prm-sync.webhooks.drain-first-delay=3600000", "prm-sync.webhooks.drain-on-arrival=false")) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            for (String key : List.of(answered, claimed)) {
                jdbc.sql("INSERT INTO partner_account (partner_id, name, created_at, updated_at)"
                                + " VALUES (:k, :k, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                        .param("k", key)
                        .update();
            }
            WebhookSender webhooks = new WebhookSender(port(first));
            assertThat(webhooks.signed(
                                    "/webhooks/prm",
                                    SECRET,
                                    WebhookSender.prmEvent("e-answered", "partner-account", answered, "upsert"))
                            .statusCode())
                    .isEqualTo(202);
            // A node that claimed this event and died: its lease has run out.
            jdbc.sql("INSERT INTO webhook_inbox (source, event_id, entity, record_id, operation, received_at, status,"
                            + " claimed_by, lease_until) VALUES ('prm', 'e-claimed', 'partner-account', :k, 'upsert',"
                            + " CURRENT_TIMESTAMP, 'PROCESSING', 'dead-node', :expired)")
                    .param("k", claimed)
                    .param("expired", java.time.OffsetDateTime.now().minusMinutes(1))
                    .update();
            assertThat(first.getBean(SalesforceSimulator.class).org().count("Account"))
                    .isZero();
        }

        try (ConfigurableApplicationContext second = start(store)) {
            SalesforceSimulator salesforce = second.getBean(SalesforceSimulator.class);
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> List.of(answered, claimed).stream()
                            .allMatch(key -> salesforce
                                            .org()
                                            .findByField("Account", "PRM_Partner_Id__c", key)
                                            .size()
                                    == 1));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'DONE'")
                                    .query(Long.class)
                                    .single()
                            == 2);
        }
    }

    private static ConfigurableApplicationContext start(String store, String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=" + store,
                "prm-sync.sandbox.seed=false",
                "prm-sync.schedule.first-run-delay=3600000",
                "prm-sync.sync.settle-lag=PT0S",
                "prm-sync.sandbox.millisecond-stamps=true",
                "prm-sync.admin.tokens=restart-test-token",
                "prm-sync.webhooks.prm.secrets=" + SECRET,
                "prm-sync.webhooks.salesforce.secrets=restart-test-sf-secret"));
        properties.addAll(List.of(extra));
        // As command-line arguments: they outrank config/application.yaml, as an operator's would.
        return new SpringApplicationBuilder(PrmSyncApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
