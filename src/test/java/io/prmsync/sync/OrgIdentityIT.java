package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sandbox.Endpoint;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.SyncDriver;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The store's sync state belongs to one org: the first run records it, a run against another org is refused for
 * every flow, and only a re-baseline that names the connected org starts over.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "prm-sync.sandbox.seed=false",
            "prm-sync.schedule.first-run-delay=3600000",
            "spring.datasource.url=jdbc:h2:mem:org-identity;DB_CLOSE_DELAY=-1",
            "prm-sync.sync.settle-lag=PT0S",
            "prm-sync.sandbox.millisecond-stamps=true",
            "prm-sync.sync.org-recheck=PT0S",
            "prm-sync.sync.check-org-at-startup=false",
            "prm-sync.admin.tokens=" + OrgIdentityIT.TOKEN
        })
class OrgIdentityIT {

    static final String TOKEN = "org-identity-token";
    private static final String FLOW = "partner-accounts";
    private static final String REFRESHED = "00D000000000002EAA";

    @Autowired
    SalesforceSimulator salesforce;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProducerTemplate template;

    @Autowired
    TestRestTemplate http;

    @AfterEach
    void backToTheFirstOrg() {
        salesforce.org().becomeOrganization(SalesforceSimulator.ORG_ID);
    }

    @Test
    void anotherOrgStopsEveryFlowUntilARebaselineNamesIt() {
        SyncDriver sync = new SyncDriver(template);
        salesforce
                .org()
                .insert("Account", Map.of("Name", "Org One Partner", "IsPartner", true, "PRM_Partner_Id__c", "P-one"));
        sync.inbound(FLOW);
        assertThat(jdbc.sql("SELECT org_id FROM sync_org").query(String.class).list())
                .containsExactly(SalesforceSimulator.ORG_ID);
        int runs = runCount();

        salesforce.org().becomeOrganization(REFRESHED);
        sync.inbound(FLOW);
        sync.outbound("certifications");
        long queries = salesforce.counters().count(Endpoint.QUERY);
        sync.inbound(FLOW);

        assertThat(salesforce.counters().count(Endpoint.QUERY))
                .as("the other org is asked about once a minute, not on every refused run")
                .isEqualTo(queries);
        assertThat(runCount()).as("no run against the other org").isEqualTo(runs);
        assertThat(pauseReasons())
                .as("every flow stopped")
                .hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(reason -> assertThat(reason)
                        .contains("connected to Salesforce org " + REFRESHED)
                        .contains("come from org " + SalesforceSimulator.ORG_ID));

        ResponseEntity<Map> wrong = rebaseline(SalesforceSimulator.ORG_ID);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record_state")
                        .query(Integer.class)
                        .single())
                .as("a refused re-baseline forgets nothing")
                .isPositive();

        ResponseEntity<Map> done = rebaseline(REFRESHED);
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((Map<String, Object>) done.getBody().get("removed"))
                .containsKeys("sync_watermark", "sync_record_state");
        assertThat(jdbc.sql("SELECT org_id FROM sync_org").query(String.class).list())
                .containsExactly(REFRESHED);
        assertThat(pauseReasons()).isEmpty();

        sync.inbound(FLOW);
        assertThat(runCount()).isEqualTo(runs + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record_state WHERE prm_key = 'P-one' AND sf_id IS NOT NULL")
                        .query(Integer.class)
                        .single())
                .as("paired afresh in the org now connected")
                .isEqualTo(1);
    }

    private int runCount() {
        return jdbc.sql("SELECT COUNT(*) FROM sync_run").query(Integer.class).single();
    }

    private List<String> pauseReasons() {
        List<Map<String, Object>> status = http.exchange(
                        "/api/sync/status", HttpMethod.GET, new HttpEntity<>(authorized()), List.class)
                .getBody();
        return status.stream()
                .map(flow -> flow.get("pauseReason"))
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .toList();
    }

    private ResponseEntity<Map> rebaseline(String org) {
        return http.exchange(
                "/api/sync/rebaseline?org=" + org, HttpMethod.POST, new HttpEntity<>(authorized()), Map.class);
    }

    private static HttpHeaders authorized() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKEN);
        return headers;
    }
}
