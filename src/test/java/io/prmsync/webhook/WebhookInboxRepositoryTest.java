package io.prmsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.support.MigratedStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Claiming due events, and leaving those of flows another node leads to that node. */
class WebhookInboxRepositoryTest {

    private final WebhookInboxRepository inbox =
            new WebhookInboxRepository(JdbcClient.create(MigratedStore.create("webhook-inbox-claims")));
    private final Instant now = Instant.parse("2026-12-07T04:00:00Z");

    @Test
    void eventsNamingEntitiesLeftToOtherNodesAreNotClaimedAndTheOthersAre() {
        store("e-1", "Account", "001A");
        store("e-2", "Lead", "00QA");
        store("e-3", "Account", "001B");

        List<WebhookInboxRepository.Claimed> mine = inbox.claim(10, now, Duration.ofMinutes(1), Set.of("Account"));

        assertThat(mine).extracting(claimed -> claimed.event().eventId()).containsExactly("e-2");
        assertThat(inbox.claim(10, now, Duration.ofMinutes(1), Set.of()))
                .as("the leader's drain, which leaves nothing to others")
                .extracting(claimed -> claimed.event().eventId())
                .containsExactly("e-1", "e-3");
    }

    private void store(String eventId, String entity, String recordId) {
        assertThat(inbox.accept(
                        new WebhookEvent(
                                WebhookEvent.SALESFORCE, eventId, entity, recordId, "UPDATE", "sig-" + eventId, "{}"),
                        now.minusSeconds(5)))
                .isEqualTo(WebhookInboxRepository.Accepted.NEW);
    }
}
