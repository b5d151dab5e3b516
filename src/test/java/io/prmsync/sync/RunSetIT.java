package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.support.SalesforceRecords;
import io.prmsync.sync.run.FlowBlocks;
import io.prmsync.sync.run.RunControl;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * Several flows run as one set ({@code POST /api/sync/run}): parents first, and the tiers of the partners they
 * touched evaluated once at the end, with every flow's records in. Under these rules one certification makes a
 * partner Silver, so a new partner and its certification decide its tier together.
 */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:run-sets;DB_CLOSE_DELAY=-1",
            "prm-sync.tiers.rules-file=src/test/resources/tier-rules/one-certification-is-silver.yaml"
        })
class RunSetIT extends SandboxSyncContract {

    @Autowired
    RunControl runs;

    @Autowired
    FlowBlocks blocks;

    @Test
    @SuppressWarnings("unchecked")
    void aNewPartnerAndItsCertificationRunAsASetGetTheirTierOnceWithBothIn() {
        String partner = newCertifiedPartner();

        ResponseEntity<Map> answer = http.exchange(
                "/api/sync/run?direction=inbound&flows=certifications,partner-accounts",
                HttpMethod.POST,
                new HttpEntity<>(authorized()),
                Map.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        @SuppressWarnings("unchecked")
        List<String> runIds = (List<String>) answer.getBody().get("runIds");
        assertThat(runIds).hasSize(2);
        assertThat((List<Map<String, String>>) answer.getBody().get("runs"))
                .extracting(run -> run.get("flow") + " " + run.get("direction"))
                .containsExactly("partner-accounts inbound", "certifications inbound");
        await().atMost(Duration.ofSeconds(30)).until(() -> runIds.stream().allMatch(this::succeeded));
        // Parents first, whatever order they were named in.
        assertThat(runIds.stream().map(this::flowOf)).containsExactly("partner-accounts", "certifications");
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        "SILVER".equals(salesforce.org().findById(partner).get().get("Partner_Tier__c")));
        assertThat(tierHistory("P-" + tag)).containsExactly("null->SILVER");
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

    private String newCertifiedPartner() {
        LocalDate today = LocalDate.now();
        String partner = salesforce.org().insert("Account", partner(tag + " certified", "P-" + tag));
        SalesforceRecords.certification(
                salesforce.org(), partner, "C-" + tag, "SALES-101", today.minusDays(10), today.plusDays(700));
        return partner;
    }

    private boolean succeeded(String runId) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_run WHERE run_id = :id AND state = 'SUCCEEDED'")
                        .param("id", runId)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private String flowOf(String runId) {
        return jdbc.sql("SELECT flow FROM sync_run WHERE run_id = :id")
                .param("id", runId)
                .query(String.class)
                .single();
    }

    private List<String> tierHistory(String partner) {
        return jdbc.sql("SELECT from_tier_code, to_tier_code FROM tier_history WHERE partner_id = :p ORDER BY id")
                .param("p", partner)
                .query((row, n) -> row.getString(1) + "->" + row.getString(2))
                .list();
    }
}
