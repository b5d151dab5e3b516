package io.prmsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.support.SyncDriver;
import java.time.Duration;
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
 * with what the runs recorded in the store, and no tag carries a record's id. Default metric settings (a store
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

    @Test
    void theDashboardAndAlertsReadMetricsThatARunningServiceExportsAndTheyAgreeWithTheStore() throws Exception {
        assertThat(scrape(new HttpHeaders()).getStatusCode().value())
                .as("metrics need the admin token")
                .isEqualTo(401);

        SyncDriver sync = new SyncDriver(template);
        sync.syncProgram();

        long deadLetters = jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE status = 'OPEN'")
                .query(Long.class)
                .single();
        // Store gauges answer from a reading at most prm-sync.metrics.store-refresh (10 s) old.
        PrometheusScrape metrics = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        this::scrape,
                        scrape -> scrape.sum("prm_sync_dead_letters_open", Map.of()) == deadLetters
                                && Double.isFinite(scrape.value(
                                        "prm_sync_flow_lag_seconds",
                                        Map.of("flow", "partner-accounts", "direction", "inbound"))));

        Set<String> read = new TreeSet<>();
        for (String expression : MonitoringFiles.dashboardExpressions()) {
            read.addAll(MonitoringFiles.metricNames(expression));
        }
        for (String expression : MonitoringFiles.alertExpressions()) {
            read.addAll(MonitoringFiles.metricNames(expression));
        }
        assertThat(read).hasSizeGreaterThan(10);
        assertThat(metrics.names())
                .as("metrics the dashboard or the alert rules read")
                .containsAll(read);

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
        Map<String, String> more = new java.util.HashMap<>(tags);
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
