package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.PrmSyncApplication;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.WebhookSender;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * A process asked to stop while its drain syncs a batch starts no run for the batch's other records (their
     * flow's route is stopping with it, and would hold the shutdown up): their events go back to the inbox without
     * an attempt counted, and the next process syncs them.
     */
    @Test
    void aDrainUnderWayWhenTheProcessStopsStartsNoMoreRunsAndLeavesTheRestDue() {
        String store = "jdbc:h2:file:" + dir.resolve("prm-store").toAbsolutePath();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            keys.add("P-stop-" + i + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        Instant closing;
        // One record per run, each Salesforce call a second long: the batch is still being synced when we stop.
        try (ConfigurableApplicationContext first =
                start(store, "prm-sync.webhooks.drain-first-delay=3600000", "prm-sync.sync.write-batch-size=1")) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            for (String key : keys) {
                jdbc.sql("INSERT INTO partner_account (partner_id, name, created_at, updated_at)"
                                + " VALUES (:k, :k, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                        .param("k", key)
                        .update();
            }
            SalesforceSimulator salesforce = first.getBean(SalesforceSimulator.class);
            salesforce.faults().latency(Duration.ofSeconds(1));
            // Stored together, so one drain claims them all as one batch.
            jdbc.sql("UPDATE webhook_inbox SET status = 'DONE'").update();
            for (String key : keys) {
                jdbc.sql("INSERT INTO webhook_inbox (source, event_id, entity, record_id, operation, received_at,"
                                + " status) VALUES ('prm', :e, 'partner-account', :k, 'upsert', CURRENT_TIMESTAMP,"
                                + " 'PENDING')")
                        .param("e", "e-" + key)
                        .param("k", key)
                        .update();
            }
            first.getBean(io.prmsync.webhook.WebhookInboxDrain.class).wake();
            await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.org().count("Account") >= 1);
            closing = Instant.now();
        }

        try (Connection db = DriverManager.getConnection(store, "sa", "")) {
            assertThat(count(db, "SELECT COUNT(*) FROM sync_run WHERE mode = 'RECORDS' AND started_at > ?", closing))
                    .as("records runs started after the process was asked to stop")
                    .isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM webhook_inbox WHERE status = 'PENDING' AND attempts = 0", null))
                    .as("events left for the next start, no attempt counted")
                    .isGreaterThanOrEqualTo(keys.size() - 2);
            assertThat(count(db, "SELECT COUNT(*) FROM webhook_inbox WHERE status = 'FAILED' OR attempts > 1", null))
                    .isZero();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        // The sandbox org lives in its process: the next one's org sees only what its own runs send.
        try (ConfigurableApplicationContext second = start(store)) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM webhook_inbox WHERE status <> 'DONE'")
                                    .query(Long.class)
                                    .single()
                            == 0);
        }
    }

    private static long count(Connection db, String query, Instant after) throws java.sql.SQLException {
        try (PreparedStatement statement = db.prepareStatement(query)) {
            if (after != null) {
                statement.setObject(1, after.atOffset(java.time.ZoneOffset.UTC));
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
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
