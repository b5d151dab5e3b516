package io.prmsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MonitoringFilesTest {

    @Test
    void aQueryNamesTheMetricsItReadsAndNotItsFunctionsLabelsOrValues() {
        assertThat(MonitoringFiles.metricNames("histogram_quantile(0.95, sum by (le, flow_name) (rate("
                        + "prm_sync_run_duration_seconds_bucket{outcome=\"failed_run\"}[30m])))"
                        + " / on (flow_name) group_left max(prm_sync_flow_lag_seconds)"))
                .containsExactly("prm_sync_flow_lag_seconds", "prm_sync_run_duration_seconds_bucket");
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
