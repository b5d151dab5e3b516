package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/** Run sets with the settle lag off (the contract's other tests need every record at once). */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:run-sets;DB_CLOSE_DELAY=-1",
            "prm-sync.tiers.rules-file=src/test/resources/tier-rules/one-certification-is-silver.yaml"
        })
class RunSetIT extends RunSetContract {

    @Override
    void waitOutTheSettleLag() {
        // No lag here.
    }

    @Test
    void theSameFlowsRunOneByOneGiveTheirPartnerAnInterimTierFirst() {
        newCertifiedPartner();

        sync.inbound(FLOW);
        sync.inbound("certifications");

        assertThat(tierHistory("P-" + tag)).containsExactly("null->REGISTERED", "REGISTERED->SILVER");
    }

    @Test
    void aRunOfAFlowTheSetIsRunningLeavesItsTiersToTheSetsEnd() {
        newCertifiedPartner();
        List<String> set = List.of(FLOW, "certifications");

        runs.runSetStarted(set);
        TierChanges changes;
        try {
            // A scheduled run of the set's first flow in between, then the set's own runs.
            sync.inbound(FLOW);
            assertThat(tierHistory("P-" + tag)).isEmpty();
            sync.inbound("certifications");
        } finally {
            changes = runs.runSetEnded(set);
        }

        assertThat(tierHistory("P-" + tag)).containsExactly("null->SILVER");
        assertThat(changes.partnerIds()).contains("P-" + tag);
    }

    @Test
    void aRefusedRunStartsNoneOfTheSetNotEvenInTheOtherDirection() {
        long certificationRunsBefore = runsOf("certifications");
        // Tier levels only go outbound: the inbound set alone would be fine.
        blocks.block("tier-levels", "test", "stopped for the test");
        try {
            ResponseEntity<Map> refused = http.exchange(
                    "/api/sync/run?direction=both&flows=certifications,tier-levels",
                    HttpMethod.POST,
                    new HttpEntity<>(authorized()),
                    Map.class);
            assertThat(refused.getStatusCode().value()).isEqualTo(409);
        } finally {
            blocks.unblock("tier-levels", "test");
        }

        // Sets take turns on one thread: once this one has run, one queued before it would have too.
        ResponseEntity<Map> accepted = http.exchange(
                "/api/sync/run?direction=inbound&flows=certifications",
                HttpMethod.POST,
                new HttpEntity<>(authorized()),
                Map.class);
        @SuppressWarnings("unchecked")
        List<String> runIds = (List<String>) accepted.getBody().get("runIds");
        await().atMost(Duration.ofSeconds(30)).until(() -> succeeded(runIds.get(0)));
        assertThat(runsOf("certifications")).isEqualTo(certificationRunsBefore + 1);
    }

    @Test
    void anEmptyListOfFlowsIsRefusedRatherThanTakenForEveryFlow() {
        ResponseEntity<Map> answer =
                http.exchange("/api/sync/run?flows=", HttpMethod.POST, new HttpEntity<>(authorized()), Map.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().toString()).contains("flows names no flow");
    }

    private long runsOf(String flow) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_run WHERE flow = :f")
                .param("f", flow)
                .query(Long.class)
                .single();
    }
}
