package io.prmsync.sync;

import static io.prmsync.support.WebhookSender.prmEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.support.WebhookSender;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The endpoint that stores an event wakes the inbox drain: the event does not wait for the drain's timer, which
 * here never fires (an hour), and events arriving while a batch is synced are drained together right after it.
 */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:webhook-drain;DB_CLOSE_DELAY=-1",
            "prm-sync.webhooks.prm.secrets=" + WebhookDrainIT.SECRET,
            "prm-sync.webhooks.drain-first-delay=3600000",
            "prm-sync.webhooks.drain-period=3600000"
        })
class WebhookDrainIT extends SandboxSyncContract {

    static final String SECRET = "webhook-drain-test-secret";

    @LocalServerPort
    int port;

    private WebhookSender webhooks;

    @BeforeEach
    void sender() {
        webhooks = new WebhookSender(port);
    }

    @Test
    void anAcceptedEventIsSyncedWithoutWaitingForTheTimer() {
        String key = "P-" + tag;
        insertPrmPartner(key, tag + " woken");

        assertThat(send(key).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !accountsWithExternalId(key).isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(this::inboxIsEmptyOfDueEvents);
    }

    @Test
    void eventsThatArriveWhileABatchIsSyncedGoOutTogetherRightAfterIt() throws Exception {
        List<String> keys =
                IntStream.range(0, 24).mapToObj(i -> "P-" + tag + "-" + i).toList();
        keys.forEach(key -> insertPrmPartner(key, tag + " burst " + key));
        // Every Salesforce call takes a while, so most events arrive while the first batch is being synced.
        salesforce.faults().latency(Duration.ofMillis(300));
        long runsBefore = recordsRuns();

        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> sent =
                    keys.stream().map(key -> senders.submit(() -> send(key))).toList();
            for (Future<HttpResponse<String>> response : sent) {
                assertThat(response.get().statusCode()).isEqualTo(202);
            }
        } finally {
            senders.shutdown();
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> keys.stream()
                        .allMatch(key -> !accountsWithExternalId(key).isEmpty()));
        await().atMost(Duration.ofSeconds(5)).until(this::inboxIsEmptyOfDueEvents);
        // One drain at a time per node, each batch one run: far fewer runs than events (about 3 here; senders slowed
        // by a loaded machine let events trickle in, and start more batches, so the bound is half the events).
        assertThat(recordsRuns() - runsBefore).isBetween(1L, (long) keys.size() / 2);
    }

    private HttpResponse<String> send(String key) {
        return webhooks.signed(
                "/webhooks/prm", SECRET, prmEvent(UUID.randomUUID().toString(), "partner-account", key, "upsert"));
    }

    private boolean inboxIsEmptyOfDueEvents() {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_inbox WHERE status <> 'DONE'")
                        .query(Long.class)
                        .single()
                == 0;
    }

    private long recordsRuns() {
        return jdbc.sql("SELECT COUNT(*) FROM sync_run WHERE flow = :flow AND direction = 'OUTBOUND'"
                        + " AND mode = 'records'")
                .param("flow", FLOW)
                .query(Long.class)
                .single();
    }
}
