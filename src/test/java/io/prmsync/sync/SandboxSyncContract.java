package io.prmsync.sync;

import static org.awaitility.Awaitility.await;

import io.prmsync.sandbox.Endpoint;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.support.SyncDriver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Flows run through the real routes, the Salesforce component and the simulated org. Each database runs the
 * contracts once; each test uses its own records, so tests do not depend on one another or on their order.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "prm-sync.sandbox.seed=false",
            "prm-sync.schedule.first-run-delay=3600000",
            "prm-sync.sync.query-page-size=200",
            // Timing at its defaults is DefaultTimingIT's subject; here a run sees exactly what changed since the
            // last (an overlap would read other tests' records of the last minutes again).
            "prm-sync.sync.settle-lag=PT0S",
            "prm-sync.sync.overlap=PT0S",
            // Without a lag a run may end inside the second a test edits the same record again; Salesforce's
            // whole-second stamps would hide that edit behind the watermark (DefaultTimingIT runs them).
            "prm-sync.sandbox.millisecond-stamps=true",
            // Tests check on demand; one at start-up would race with a test that hides a field (DefaultTimingIT
            // runs it).
            "prm-sync.sync.check-org-at-startup=false",
            // Retries without the production pauses; the shared breaker never opens here (its own tests open it).
            "prm-sync.resilience.retry.initial-delay-ms=10",
            "prm-sync.resilience.retry.max-delay-ms=50",
            "prm-sync.resilience.circuit-breaker.minimum-number-of-calls=100000",
            "prm-sync.resilience.circuit-breaker.sliding-window-size=100000",
            "prm-sync.admin.tokens=" + SandboxSyncContract.ADMIN_TOKEN
        })
abstract class SandboxSyncContract {

    static final String FLOW = "partner-accounts";
    static final String ADMIN_TOKEN = "test-admin-token";

    @Autowired
    SalesforceSimulator salesforce;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProducerTemplate template;

    @Autowired
    TestRestTemplate http;

    SyncDriver sync;
    String tag;

    @BeforeEach
    void settleAndTag() {
        sync = new SyncDriver(template);
        salesforce.faults().clear();
        sync.settle(FLOW);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    static HttpHeaders authorized() {
        return bearer(ADMIN_TOKEN);
    }

    static HttpHeaders bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }

    List<String> insertPartnersWithOneStamp(int count) {
        // Stamps only move forward in a real org, so the shared stamp is "now", after every earlier test's writes.
        Instant stamp = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        salesforce.org().useClock(Clock.fixed(stamp, ZoneOffset.UTC));
        try {
            return java.util.stream.IntStream.range(0, count)
                    .mapToObj(i -> salesforce
                            .org()
                            .insert("Account", Map.of("Name", tag + " partner " + i, "IsPartner", true)))
                    .toList();
        } finally {
            salesforce.org().useClock(Clock.systemUTC());
        }
    }

    static Map<String, Object> partner(String name, String prmKey) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Name", name);
        fields.put("IsPartner", true);
        fields.put("PRM_Partner_Id__c", prmKey);
        return fields;
    }

    /** A closed-won, new-customer deal of the partner, 30 days ago. */
    void winDeal(String partner, int amount) {
        jdbc.sql("INSERT INTO deal_registration (deal_id, partner_id, customer_company, amount, currency, won, closed,"
                        + " close_date, new_customer, created_at, updated_at) VALUES (:id, :p, 'Initech', :amount,"
                        + " 'USD', TRUE, TRUE, :closed, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param("id", "D-" + tag + "-" + amount)
                .param("p", partner)
                .param("amount", amount)
                .param("closed", java.time.LocalDate.now(ZoneOffset.UTC).minusDays(30))
                .update();
    }

    void insertPrmPartner(String key, String name) {
        jdbc.sql("INSERT INTO partner_account (partner_id, name, created_at, updated_at)"
                        + " VALUES (:k, :n, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param("k", key)
                .param("n", name)
                .update();
    }

    List<String> prmNamesLike(String prefix) {
        return jdbc.sql("SELECT name FROM partner_account WHERE name LIKE :p AND deleted_at IS NULL ORDER BY name")
                .param("p", prefix + "%")
                .query(String.class)
                .list();
    }

    String prmKeyOf(String sfId) {
        return jdbc.sql("SELECT prm_key FROM sync_record_state WHERE sf_id = :id")
                .param("id", sfId)
                .query(String.class)
                .single();
    }

    Instant prmUpdatedAt(String key) {
        return jdbc.sql("SELECT updated_at FROM partner_account WHERE partner_id = :k")
                .param("k", key)
                .query((rs, n) ->
                        rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
                .single();
    }

    String lastRunState(String direction) {
        return lastRunState(FLOW, direction);
    }

    String lastRunState(String flow, String direction) {
        return jdbc.sql("SELECT state FROM sync_run WHERE flow = :f AND direction = :d ORDER BY started_at DESC"
                        + " FETCH FIRST 1 ROWS ONLY")
                .param("f", flow)
                .param("d", direction)
                .query(String.class)
                .single();
    }

    long runCount() {
        return jdbc.sql("SELECT COUNT(*) FROM sync_run").query(Long.class).single();
    }

    /**
     * The run count once no run has been under way for a second: runs an earlier test started in the background
     * (an API run, a tier change's follow-up) would otherwise count as this test's.
     */
    long runCountOnceQuiet() {
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(60))
                // A run left under way by a failure of its own long ago is no background run of an earlier test.
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM sync_run WHERE state = 'RUNNING' AND started_at > :since")
                                .param("since", Instant.now().minusSeconds(120).atOffset(ZoneOffset.UTC))
                                .query(Long.class)
                                .single()
                        == 0);
        return runCount();
    }

    long collectionWrites() {
        return salesforce.counters().count(Endpoint.COLLECTION_UPDATE)
                + salesforce.counters().count(Endpoint.COLLECTION_UPSERT)
                + salesforce.counters().count(Endpoint.COLLECTION_CREATE);
    }

    List<Map<String, Object>> accountsWithExternalId(String key) {
        return salesforce.org().records("Account").stream()
                .filter(r -> key.equals(r.get("PRM_Partner_Id__c")))
                .toList();
    }

    List<Map<String, Object>> accountsNamed(String name) {
        return salesforce.org().records("Account").stream()
                .filter(r -> name.equals(r.get("Name")))
                .toList();
    }
}
