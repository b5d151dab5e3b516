package io.prmsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MonitoringFilesTest {

    @Test
    void aQueryNamesTheMetricsItReadsAndNotItsFunctionsLabelsOrValues() {
        assertThat(MonitoringFiles.metricNames("histogram_quantile(0.95, sum by (le, flow_name) (rate("
                        + "prm_sync_run_duration_seconds_bucket{outcome=\"failed_run\"}[30m])))"
                        + " / on (flow_name) group_left max(prm_sync_flow_lag_seconds)"
                        + " + min_over_time(prm_sync_salesforce_circuit_breaker_open[5m])"))
                .containsExactly(
                        "prm_sync_flow_lag_seconds",
                        "prm_sync_run_duration_seconds_bucket",
                        "prm_sync_salesforce_circuit_breaker_open");
    }

    @Test
    void aSelectorsLabelMatchersAreRead() {
        assertThat(MonitoringFiles.labelMatchers(
                        "sum(rate(prm_sync_runs_total{outcome=\"failed\", flow=~\"deal-.*\"}[5m])) + up{job!=\"x\"}"))
                .containsExactly(
                        new MonitoringFiles.LabelMatcher("prm_sync_runs_total", "outcome", "=", "failed"),
                        new MonitoringFiles.LabelMatcher("prm_sync_runs_total", "flow", "=~", "deal-.*"),
                        new MonitoringFiles.LabelMatcher("up", "job", "!=", "x"));
        assertThat(new MonitoringFiles.LabelMatcher("m", "flow", "=~", "deal-.*").matches("deal-outcomes"))
                .isTrue();
        assertThat(new MonitoringFiles.LabelMatcher("m", "flow", "=~", "deal-.*").matches("certifications"))
                .isFalse();
    }

    @Test
    void everyDashboardPanelAndAlertReadsAtLeastOneMetric() throws IOException {
        assertThat(MonitoringFiles.dashboardExpressions())
                .hasSizeGreaterThan(10)
                .allSatisfy(expression -> assertThat(MonitoringFiles.metricNames(expression))
                        .as(expression)
                        .isNotEmpty());
        assertThat(MonitoringFiles.alertExpressions())
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(expression -> assertThat(MonitoringFiles.metricNames(expression))
                        .as(expression)
                        .isNotEmpty());
    }
}
