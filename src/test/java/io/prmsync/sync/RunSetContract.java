package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.support.SalesforceRecords;
import io.prmsync.sync.run.FlowBlocks;
import io.prmsync.sync.run.RunControl;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Several flows run as one set ({@code POST /api/sync/run}): parents first, and the tiers of the partners they
 * touched evaluated once at the end, with every flow's records in. Under these rules one certification makes a
 * partner Silver, so a new partner and its certification decide its tier together, and Salesforce hears it from
 * the set's follow-up whatever the settle lag.
 */
abstract class RunSetContract extends SandboxSyncContract {

    @Autowired
    RunControl runs;

    @Autowired
    FlowBlocks blocks;

    /** Lets records just written in Salesforce come out from behind the settle lag. */
    abstract void waitOutTheSettleLag() throws InterruptedException;

    @Test
    @SuppressWarnings("unchecked")
    void aNewPartnerAndItsCertificationRunAsASetGetTheirTierOnceWithBothIn() throws InterruptedException {
        String partner = newCertifiedPartner();
        waitOutTheSettleLag();

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

    String newCertifiedPartner() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String partner = salesforce.org().insert("Account", partner(tag + " certified", "P-" + tag));
        SalesforceRecords.certification(
                salesforce.org(), partner, "C-" + tag, "SALES-101", today.minusDays(10), today.plusDays(700));
        return partner;
    }

    boolean succeeded(String runId) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_run WHERE run_id = :id AND state = 'SUCCEEDED'")
                        .param("id", runId)
                        .query(Long.class)
                        .single()
                == 1;
    }

    String flowOf(String runId) {
        return jdbc.sql("SELECT flow FROM sync_run WHERE run_id = :id")
                .param("id", runId)
                .query(String.class)
                .single();
    }

    List<String> tierHistory(String partner) {
        return jdbc.sql("SELECT from_tier_code, to_tier_code FROM tier_history WHERE partner_id = :p ORDER BY id")
                .param("p", partner)
                .query((row, n) -> row.getString(1) + "->" + row.getString(2))
                .list();
    }
}
