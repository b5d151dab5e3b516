package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.prmsync.store.ChangeEventPositions;
import io.prmsync.support.ShippedMappings;
import io.prmsync.support.SyncRunRows;
import io.prmsync.sync.run.ChangeEventStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Change Data Capture end to end, through the simulator's Pub/Sub API: an edit in Salesforce reaches the PRM store
 * as an event's records run, with no poll; a subscription started again resumes after its stored replay id and
 * loses and repeats nothing; gap and overflow events, and a replay id Salesforce no longer keeps, are healed by a
 * poll from the watermark; the service's own writes coming back are not read again.
 */
@TestPropertySource(
        properties = {
            "prm-sync.sync.mappings-dir=" + ChangeEventContract.MAPPINGS,
            "prm-sync.change-events.supervise-period=200",
            "prm-sync.sandbox.change-data-capture=Account"
        })
abstract class ChangeEventContract extends SandboxSyncContract {

    static final String MAPPINGS = "target/change-event-mappings";
    static final String CHANNEL = "/data/AccountChangeEvent";
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String SUBSCRIPTION = "change-events-data-accountchangeevent";
    private static final String SUPERVISOR = "change-event-supervisor";

    static {
        ShippedMappings.copyWith(
                MAPPINGS,
                "partner-accounts.yaml",
                "  external-id: PRM_Partner_Id__c\n",
                "  external-id: PRM_Partner_Id__c\n  change-events: true\n");
    }

    @Autowired
    ChangeEventStreams streams;

    @Autowired
    ChangeEventPositions positions;

    @Autowired
    CamelContext camel;

    @Autowired
    MeterRegistry meters;

    private Instant testStart;

    @BeforeEach
    void streaming() throws Exception {
        // A test that failed half-way may have left the supervisor stopped.
        camel.getRouteController().startRoute(SUPERVISOR);
        await("the subscription to " + CHANNEL)
                .atMost(WITHIN)
                .until(() -> camel.getRoute(SUBSCRIPTION) != null
                        && positions
                                .find(CHANNEL)
                                .flatMap(ChangeEventPositions.Position::healAfter)
                                .isEmpty());
        // The polls that healed the subscription's start (or an earlier test's gap) are over before this test's
        // edits, so every run after this point is the test's.
        await("the healing polls")
                .atMost(WITHIN)
                .until(() -> streams.status().get(0).lastHealRuns().stream().allMatch(this::finished));
        testStart = Instant.now();
    }

    @Test
    void anEditInSalesforceReachesThePrmStoreThroughItsEventWithoutAPoll() {
        String id = salesforce.org().insert("Account", partner(tag + " streamed", "P-" + tag));
        await().atMost(WITHIN).until(() -> prmNamesLike(tag).equals(List.of(tag + " streamed")));

        salesforce.org().update(id, Map.of("Name", tag + " renamed"));
        await().atMost(WITHIN).until(() -> prmNamesLike(tag).equals(List.of(tag + " renamed")));

        assertThat(inboundRunModesSinceStart()).as("only records runs").containsOnly("RECORDS");
        assertThat(inboxEventsFor(id)).as("one inbox event per change").isEqualTo(2);
        assertThat(streams.state(CHANNEL)).isEqualTo(ChangeEventStreams.State.STREAMING);
    }

    @Test
    void aSubscriptionStartedAgainResumesAfterItsStoredReplayIdAndLosesAndRepeatsNothing() throws Exception {
        String before = salesforce.org().insert("Account", partner(tag + " before", "P-" + tag + "-1"));
        await().atMost(WITHIN).until(() -> prmNamesLike(tag).size() == 1);
        String resumeAfter = positions
                .find(CHANNEL)
                .flatMap(ChangeEventPositions.Position::replayId)
                .orElseThrow();

        // The service's subscription ends (a restart, a node's death) while the org goes on changing.
        unsubscribe();
        String during = salesforce.org().insert("Account", partner(tag + " during", "P-" + tag + "-2"));
        salesforce.org().update(before, Map.of("Name", tag + " before, renamed"));
        camel.getRouteController().startRoute(SUPERVISOR);

        await().atMost(WITHIN)
                .until(() -> prmNamesLike(tag).equals(List.of(tag + " before, renamed", tag + " during")));
        assertThat(inboundRunModesSinceStart()).as("replayed, not polled").containsOnly("RECORDS");
        assertThat(inboxEventsFor(before)).isEqualTo(2);
        assertThat(inboxEventsFor(during)).isEqualTo(1);
        assertThat(positions.find(CHANNEL).flatMap(ChangeEventPositions.Position::replayId))
                .get()
                .isNotEqualTo(resumeAfter);
    }

    @Test
    void aGapEventIsHealedByAPollFromTheWatermark() {
        salesforce.changeEvents().gapNext("Account", 1);
        salesforce.org().insert("Account", partner(tag + " in a gap", "P-" + tag));

        await().atMost(WITHIN).until(() -> prmNamesLike(tag).equals(List.of(tag + " in a gap")));
        assertThat(inboundRunModesSinceStart()).contains("INCREMENTAL");
        await().atMost(WITHIN).until(() -> healPending().isEmpty());
    }

    @Test
    void anOverflowEventIsHealedByAPollFromTheWatermark() {
        salesforce.org().insert("Account", partner(tag + " overflowed", "P-" + tag));
        salesforce.changeEvents().overflow("Account");

        await().atMost(WITHIN).until(() -> prmNamesLike(tag).equals(List.of(tag + " overflowed")));
        await().atMost(WITHIN).until(() -> inboundRunModesSinceStart().contains("INCREMENTAL"));
        await().atMost(WITHIN).until(() -> healPending().isEmpty());
    }

    @Test
    void aReplayIdSalesforceNoLongerKeepsIsHealedByPollingThenTheStreamGoesOn() throws Exception {
        unsubscribe();
        salesforce.org().insert("Account", partner(tag + " while away", "P-" + tag + "-1"));
        salesforce.changeEvents().expireRetainedEvents();
        camel.getRouteController().startRoute(SUPERVISOR);

        await().atMost(WITHIN).until(() -> prmNamesLike(tag).equals(List.of(tag + " while away")));
        assertThat(inboundRunModesSinceStart()).contains("INCREMENTAL");
        await().atMost(WITHIN)
                .until(() -> healPending().isEmpty() && streams.state(CHANNEL) != ChangeEventStreams.State.FAILED);

        salesforce.org().insert("Account", partner(tag + " after", "P-" + tag + "-2"));
        await().atMost(WITHIN).until(() -> prmNamesLike(tag).equals(List.of(tag + " after", tag + " while away")));
    }

    @Test
    void theServicesOwnWritesComingBackAreNotReadAgain() {
        String key = "P-" + tag;
        String id = salesforce.org().insert("Account", partner(tag + " partner", key));
        await().atMost(WITHIN).until(() -> prmNamesLike(tag).size() == 1);
        long echoesBefore = echoesSkipped();

        jdbc.sql("UPDATE partner_account SET description = :d, updated_at = CURRENT_TIMESTAMP WHERE partner_id = :k")
                .param("d", tag + " from the portal")
                .param("k", key)
                .update();
        sync.outbound(FLOW);
        assertThat(salesforce.org().findById(id).orElseThrow().get("Description"))
                .isEqualTo(tag + " from the portal");
        // Events come in commit order: once a later edit's record is in, the echo has been taken (or not).
        salesforce.org().insert("Account", partner(tag + " sentinel", key + "-sentinel"));
        await().atMost(WITHIN).until(() -> prmNamesLike(tag).size() == 2);

        assertThat(echoesSkipped()).isGreaterThan(echoesBefore);
        assertThat(inboxEventsFor(id)).as("only the create was read").isEqualTo(1);
    }

    @Test
    void aDeleteAndAnUndeleteInSalesforceReachThePrmStoreThroughTheirEvents() {
        String id = salesforce.org().insert("Account", partner(tag + " doomed", "P-" + tag));
        await().atMost(WITHIN).until(() -> prmNamesLike(tag).size() == 1);

        salesforce.org().delete(id);
        await().atMost(WITHIN).until(() -> prmNamesLike(tag).isEmpty());

        salesforce.org().undelete(id);
        await().atMost(WITHIN).until(() -> prmNamesLike(tag).equals(List.of(tag + " doomed")));
        assertThat(inboundRunModesSinceStart()).containsOnly("RECORDS");
        assertThat(inboxEventsFor(id)).as("create, delete, undelete").isEqualTo(3);
    }

    @Test
    void aPositionOlderThanSalesforceKeepsEventsIsHealedByPollingWithoutAskingForIt() throws Exception {
        unsubscribe();
        salesforce.org().insert("Account", partner(tag + " long ago", "P-" + tag + "-1"));
        // The service was down for longer than the 72 hours Salesforce keeps events.
        jdbc.sql("UPDATE change_event_position SET last_event_at = :old WHERE channel = :channel")
                .param("old", Instant.now().minus(Duration.ofHours(73)).atOffset(java.time.ZoneOffset.UTC))
                .param("channel", CHANNEL)
                .update();
        long callsBefore = salesforce.changeEvents().subscribeCalls();
        camel.getRouteController().startRoute(SUPERVISOR);

        await().atMost(WITHIN).until(() -> prmNamesLike(tag).equals(List.of(tag + " long ago")));
        assertThat(inboundRunModesSinceStart()).contains("INCREMENTAL");
        assertThat(salesforce.changeEvents().subscribeCalls() - callsBefore)
                .as("subscribed once, from the newest event; the old replay id was never sent")
                .isEqualTo(1);
    }

    @Test
    void anEventTheStoreCouldNotTakeComesAgainFromTheStoredPositionOnceItCan() {
        jdbc.sql("ALTER TABLE change_event_position RENAME TO change_event_position_away")
                .update();
        try {
            salesforce.org().insert("Account", partner(tag + " while the store refused", "P-" + tag));
            await().atMost(WITHIN).until(() -> streams.state(CHANNEL) == ChangeEventStreams.State.FAILED);
        } finally {
            jdbc.sql("ALTER TABLE change_event_position_away RENAME TO change_event_position")
                    .update();
        }

        await().atMost(WITHIN).until(() -> prmNamesLike(tag).equals(List.of(tag + " while the store refused")));
        assertThat(inboundRunModesSinceStart())
                .as("delivered again, not polled")
                .containsOnly("RECORDS");
        await().atMost(WITHIN).until(() -> streams.state(CHANNEL) == ChangeEventStreams.State.STREAMING);
    }

    @Test
    void anEventThatIsNoChangeEventIsTakenAsAGapAndTheStreamGoesOn() {
        salesforce.org().insert("Account", partner(tag + " before", "P-" + tag + "-1"));
        await().atMost(WITHIN).until(() -> prmNamesLike(tag).size() == 1);
        String replayId = positions
                .find(CHANNEL)
                .flatMap(ChangeEventPositions.Position::replayId)
                .orElseThrow();
        Schema platformEvent =
                new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Order_Shipped__e\", \"fields\": []}");

        // As the subscription would hand it on: the same replay id as the last event, so nothing is skipped.
        template.send("direct:change-event", exchange -> {
            exchange.getMessage().setBody(new GenericData.Record(platformEvent));
            exchange.getMessage().setHeader("prmSyncChannel", CHANNEL);
            exchange.getMessage().setHeader("CamelSalesforcePubSubReplayId", replayId);
            exchange.getMessage().setHeader("CamelSalesforcePubSubEventId", "not-a-change-event-" + tag);
        });

        await().atMost(WITHIN).until(() -> inboundRunModesSinceStart().contains("INCREMENTAL"));
        assertThat(streams.state(CHANNEL)).isNotEqualTo(ChangeEventStreams.State.FAILED);
        salesforce.org().insert("Account", partner(tag + " after", "P-" + tag + "-2"));
        await().atMost(WITHIN).until(() -> prmNamesLike(tag).size() == 2);
    }

    @Test
    void theApiAndTheConsoleShowTheStream() {
        salesforce.org().insert("Account", partner(tag + " shown", "P-" + tag));
        await().atMost(WITHIN).until(() -> prmNamesLike(tag).size() == 1);

        ResponseEntity<String> api =
                http.exchange("/api/sync/change-events", HttpMethod.GET, new HttpEntity<>(authorized()), String.class);
        assertThat(api.getStatusCode().value()).isEqualTo(200);
        assertThat(api.getBody())
                .contains("\"channel\":\"/data/AccountChangeEvent\"")
                .contains("\"state\":\"STREAMING\"")
                .contains("\"flows\":[\"partner-accounts\"]")
                .containsPattern("\"replayId\":\"[A-Za-z0-9+/=]+\"")
                .contains("\"healPendingSince\":null");

        assertThat(meters.get("prm_sync.change_events.streaming")
                        .tag("channel", CHANNEL)
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(meters.get("prm_sync.change_events.events")
                        .tag("channel", CHANNEL)
                        .functionCounter()
                        .count())
                .isPositive();
        assertThat(meters.get("prm_sync.change_events.lag")
                        .tag("channel", CHANNEL)
                        .gauge()
                        .value())
                .isNotNaN()
                .isGreaterThanOrEqualTo(0.0);

        String overview = consolePage("/console");
        assertThat(overview)
                .contains("Change Data Capture")
                .contains("data-channel=\"/data/AccountChangeEvent\"")
                .containsPattern("(?s)data-field=\"streamState\"><span>STREAMING</span>");
    }

    /** A page of the console, after logging in with the admin token. */
    private String consolePage(String path) {
        ResponseEntity<String> form = http.getForEntity("/console/login", String.class);
        String cookie = form.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";", 2)[0];
        String csrf = form.getBody().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, cookie);
        MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        body.add("token", ADMIN_TOKEN);
        body.add("_csrf", csrf);
        ResponseEntity<String> login = http.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW)
                .exchange("/console/login", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
        assertThat(login.getStatusCode().value()).as("logged in").isEqualTo(302);
        HttpHeaders session = new HttpHeaders();
        session.add(
                HttpHeaders.COOKIE,
                login.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";", 2)[0]);
        ResponseEntity<String> page = http.exchange(path, HttpMethod.GET, new HttpEntity<>(session), String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        return page.getBody();
    }

    /** Ends the subscription and keeps the supervisor from starting it again until the test starts it. */
    private void unsubscribe() throws Exception {
        camel.getRouteController().stopRoute(SUPERVISOR);
        camel.getRouteController().stopRoute(SUBSCRIPTION);
        camel.removeRoute(SUBSCRIPTION);
    }

    private boolean finished(String runId) {
        return new SyncRunRows(jdbc).finished(runId);
    }

    private List<String> inboundRunModesSinceStart() {
        return new SyncRunRows(jdbc).inboundModesSince(FLOW, testStart);
    }

    private int inboxEventsFor(String recordId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_inbox WHERE source = 'salesforce-change-event'"
                        + " AND record_id = :id")
                .param("id", recordId)
                .query(Integer.class)
                .single();
    }

    private Optional<Instant> healPending() {
        return positions.find(CHANNEL).flatMap(ChangeEventPositions.Position::healAfter);
    }

    private long echoesSkipped() {
        return streams.status().get(0).echoesSkipped();
    }
}
