package io.prmsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.config.SyncProperties;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.store.DeadLetter;
import io.prmsync.store.DeadLetterRepository;
import io.prmsync.store.Direction;
import io.prmsync.store.ParkedRecordRepository;
import io.prmsync.support.SeededOrg;
import io.prmsync.support.SyncDriver;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service's own metrics as Prometheus scrapes them, after the sample program has been synced both ways: the
 * admin token guards them, every metric the shipped dashboard and alert rules read is exported, the counters agree
 * with what the runs recorded in the store, the store gauges with what it holds (a dead letter, a parked record and
 * waiting webhook events seeded for them), and no tag carries a record's id. Default metric settings (a store
 * reading at most 10 s old); only the Bulk API threshold is lowered, so the sample's full runs use query jobs.
 */
@OperationsServiceTest
class MetricsScrapeIT {

    @Autowired
    ProducerTemplate template;

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SalesforceSimulator salesforce;

    @Autowired
    SyncProperties syncProperties;

    @Autowired
    DeadLetterRepository deadLetters;

    @Autowired
    ParkedRecordRepository parked;

    @Test
    void theDashboardAndAlertsReadMetricsThatARunningServiceExportsAndTheyAgreeWithTheStore() throws Exception {
        assertThat(scrape(new HttpHeaders()).getStatusCode().value())
                .as("metrics need the admin token")
                .isEqualTo(401);

        SeededOrg.awaitPastSettleLag(salesforce, syncProperties.settleLag());
        SyncDriver sync = new SyncDriver(template);
        sync.syncProgram();

        // What a running program leaves waiting, seeded so each store gauge has something to show.
        Instant now = Instant.now();
        deadLetters.add(new DeadLetter("certifications", Direction.INBOUND, "C-SEEDED", "{}", "SEEDED", "seeded"), now);
        parked.park("deal-registrations", Direction.INBOUND, "D-SEEDED", "P-NONE", "{}", now);
        inboxEvent("e-failed", "FAILED", now.minus(Duration.ofMinutes(5)));
        inboxEvent("e-later", "PENDING", now.minus(Duration.ofHours(1)));
        Map<String, Long> openLetters = countBy("SELECT flow, COUNT(*) FROM dead_letter WHERE status = 'OPEN'"
                + " AND direction = 'INBOUND' GROUP BY flow");
        Map<String, Long> parkedRecords =
                countBy("SELECT flow, COUNT(*) FROM parked_record WHERE direction = 'INBOUND' GROUP BY flow");

        // Store gauges answer from a reading at most prm-sync.metrics.store-refresh (10 s) old.
        PrometheusScrape metrics = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        this::scrape,
                        scrape -> scrape.value("prm_sync_parked_records", inbound("deal-registrations"))
                                == parkedRecords.get("deal-registrations").doubleValue());
        for (String flow : List.of("partner-accounts", "certifications", "deal-registrations")) {
            assertThat(metrics.value("prm_sync_dead_letters_open", inbound(flow)))
                    .as(flow + " open dead letters")
                    .isEqualTo(openLetters.getOrDefault(flow, 0L).doubleValue());
            assertThat(metrics.value("prm_sync_parked_records", inbound(flow)))
                    .as(flow + " parked records")
                    .isEqualTo(parkedRecords.getOrDefault(flow, 0L).doubleValue());
        }
        assertThat(openLetters.get("certifications")).isPositive();
        assertThat(metrics.value("prm_sync_webhook_inbox_events", Map.of("status", "failed")))
                .isEqualTo(1);
        assertThat(metrics.value("prm_sync_webhook_inbox_events", Map.of("status", "pending")))
                .isEqualTo(1);
        assertThat(metrics.value("prm_sync_webhook_inbox_oldest_waiting_age_seconds", Map.of()))
                .as("the pending event received an hour ago")
                .isBetween(3600.0, 3700.0);
        assertThat(metrics.value("prm_sync_flow_running", inbound("partner-accounts")))
                .isEqualTo(0);
        assertThat(metrics.value("prm_sync_flow_paused", Map.of("flow", "partner-accounts")))
                .isEqualTo(0);

        Set<String> read = new TreeSet<>();
        List<MonitoringFiles.LabelMatcher> matchers = new ArrayList<>();
        for (String expression : expressions()) {
            read.addAll(MonitoringFiles.metricNames(expression));
            matchers.addAll(MonitoringFiles.labelMatchers(expression));
        }
        assertThat(read).hasSizeGreaterThan(10);
        assertThat(metrics.names())
                .as("metrics the dashboard or the alert rules read")
                .containsAll(read);
        assertThat(matchers)
                .isNotEmpty()
                .allSatisfy(matcher -> assertThat(metrics.named(matcher.metric()))
                        .as("a sample of %s matching %s", matcher.metric(), matcher)
                        .anySatisfy(sample -> assertThat(
                                        matcher.matches(sample.labels().get(matcher.label())))
                                .isTrue()));

        for (String flow : List.of("partner-accounts", "certifications", "deal-registrations")) {
            for (String direction : List.of("inbound", "outbound")) {
                Map<String, Object> runs = jdbc.sql("SELECT COUNT(*) AS runs, COALESCE(SUM(records_done), 0) AS done,"
                                + " COALESCE(SUM(records_changed), 0) AS changed,"
                                + " COALESCE(SUM(records_failed), 0) AS failed FROM sync_run"
                                + " WHERE flow = :flow AND direction = :direction AND finished_at IS NOT NULL")
                        .param("flow", flow)
                        .param("direction", direction.toUpperCase())
                        .query()
                        .singleRow();
                Map<String, String> tags = Map.of("flow", flow, "direction", direction);
                String what = flow + " " + direction;
                assertThat(number(runs, "runs")).as(what + " runs").isPositive();
                assertThat(metrics.sum("prm_sync_run_duration_seconds_count", tags))
                        .as(what + " runs")
                        .isEqualTo(number(runs, "runs"));
                assertThat(metrics.value("prm_sync_records_total", with(tags, "result", "read")))
                        .as(what + " records read")
                        .isEqualTo(number(runs, "done"));
                assertThat(metrics.value("prm_sync_records_total", with(tags, "result", "written")))
                        .as(what + " records written")
                        .isEqualTo(number(runs, "changed"));
                assertThat(metrics.value("prm_sync_records_total", with(tags, "result", "rejected")))
                        .as(what + " records rejected")
                        .isEqualTo(number(runs, "failed"));
            }
        }
        assertThat(metrics.value(
                        "prm_sync_records_total",
                        Map.of("flow", "partner-accounts", "direction", "inbound", "result", "read")))
                .isGreaterThanOrEqualTo(40);

        long tierChanges =
                jdbc.sql("SELECT COUNT(*) FROM tier_history").query(Long.class).single();
        assertThat(tierChanges).isPositive();
        assertThat(metrics.sum("prm_sync_tier_changes_total", Map.of())).isEqualTo(tierChanges);
        long stageChanges = jdbc.sql("SELECT COUNT(*) FROM engagement_history")
                .query(Long.class)
                .single();
        assertThat(stageChanges).isPositive();
        assertThat(metrics.sum("prm_sync_engagement_stage_changes_total", Map.of()))
                .isEqualTo(stageChanges);

        long apiCalls = jdbc.sql("SELECT SUM(api_calls) FROM sync_run")
                .query(Long.class)
                .single();
        assertThat(metrics.sum("prm_sync_salesforce_calls_seconds_count", Map.of("outcome", "success")))
                .as("every call the runs counted, and the service's own lookups")
                .isGreaterThanOrEqualTo(apiCalls);
        assertThat(metrics.sum(
                        "prm_sync_salesforce_bulk_jobs_seconds_count",
                        Map.of("operation", "query", "outcome", "completed")))
                .as("full runs over the threshold read with query jobs")
                .isPositive();
        assertThat(metrics.value("prm_sync_salesforce_api_usage_ratio", Map.of()))
                .isBetween(0.0, 1.0);
        assertThat(metrics.value(
                        "prm_sync_flow_lag_seconds", Map.of("flow", "partner-accounts", "direction", "inbound")))
                .isBetween(0.0, 3600.0);
        assertThat(metrics.value("prm_sync_salesforce_circuit_breaker_state", Map.of()))
                .isEqualTo(0);

        Set<String> recordKeys = new HashSet<>(jdbc.sql("SELECT prm_key FROM sync_record_state")
                .query(String.class)
                .list());
        recordKeys.addAll(jdbc.sql("SELECT sf_id FROM sync_record_state WHERE sf_id IS NOT NULL")
                .query(String.class)
                .list());
        assertThat(recordKeys).hasSizeGreaterThan(40);
        Set<String> tagValues = new TreeSet<>();
        metrics.samples().stream()
                .filter(sample -> sample.name().startsWith("prm_sync_"))
                .forEach(sample -> sample.labels().forEach((label, value) -> {
                    if (!label.equals("le")) { // a histogram's bucket bounds
                        tagValues.add(value);
                    }
                }));
        assertThat(tagValues).as("tag values of prm_sync metrics").doesNotContainAnyElementsOf(recordKeys);
        assertThat(tagValues.size())
                .as("a bounded set of tag values: " + tagValues)
                .isLessThan(80);
    }

    private static List<String> expressions() throws java.io.IOException {
        List<String> expressions = new ArrayList<>(MonitoringFiles.dashboardExpressions());
        expressions.addAll(MonitoringFiles.alertExpressions());
        return expressions;
    }

    private static Map<String, String> inbound(String flow) {
        return Map.of("flow", flow, "direction", "inbound");
    }

    private Map<String, Long> countBy(String sql) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(sql).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /** An event the drain leaves alone: failed for good, or due only tomorrow. */
    private void inboxEvent(String eventId, String status, Instant receivedAt) {
        jdbc.sql("INSERT INTO webhook_inbox (source, event_id, entity, record_id, operation, received_at, status,"
                        + " next_attempt_at) VALUES ('prm', :event, 'partner-account', 'P-NONE', 'upsert', :received,"
                        + " :status, :next)")
                .param("event", eventId)
                .param("received", receivedAt.atOffset(ZoneOffset.UTC))
                .param("status", status)
                .param("next", Instant.now().plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC))
                .update();
    }

    private PrometheusScrape scrape() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(OperationsServiceTest.TOKEN);
        ResponseEntity<String> response = scrape(headers);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return PrometheusScrape.parse(response.getBody());
    }

    private ResponseEntity<String> scrape(HttpHeaders headers) {
        return http.exchange("/actuator/prometheus", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private static Map<String, String> with(Map<String, String> tags, String key, String value) {
        Map<String, String> more = new HashMap<>(tags);
        more.put(key, value);
        return more;
    }

    private static double number(Map<String, Object> row, String column) {
        Object value = row.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(column))
                .findFirst()
                .orElseThrow()
                .getValue();
        return ((Number) value).doubleValue();
    }
}
