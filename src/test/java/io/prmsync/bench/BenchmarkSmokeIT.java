package io.prmsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark at a tiny size, in the default build, so the harness cannot rot: every scenario runs (or says
 * why not), every figure is there, the reports are written. No timing is asserted; the machine is too noisy.
 */
class BenchmarkSmokeIT {

    @Test
    @SuppressWarnings("unchecked")
    void everyScenarioRunsAndTheReportsAreWritten() throws Exception {
        BenchReport report = new SyncBenchmark(SyncBenchmark.Sizes.smoke()).run();
        Path dir = Path.of("target", "bench", "smoke");
        report.write(dir);

        assertThat(report.scenarios())
                .extracting(s -> s.name)
                .contains(
                        "raw-jdbc-baseline",
                        "inbound-full-h2",
                        "tier-reevaluation",
                        "inbound-under-latency",
                        "outbound",
                        "naive-baseline",
                        "webhook-latency",
                        "change-event-latency",
                        "bulk-api-2",
                        "memory-inbound",
                        "cluster-inbound");
        assertThat(report.scenarios())
                .filteredOn(s -> s.status.equals("measured"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.figures).isNotEmpty());
        assertThat(report.scenarios())
                .filteredOn(s -> s.name.equals("inbound-full-h2"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.figures.get("records")).isEqualTo(900L);
                    // Each repeat of the first evaluation placed every one of the 300 partners again.
                    assertThat((List<Object>) s.figures.get("firstEvaluationAgainPartners"))
                            .containsExactly(300L, 300L, 300L);
                });
        // Above the lowered threshold the inbound flows read with query jobs and the outbound run writes an ingest job.
        assertThat(report.scenarios())
                .filteredOn(s -> s.name.equals("bulk-api-2"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.status).isEqualTo("measured");
                    assertThat((List<?>) s.figures.get("queryJobRecords")).hasSize(3);
                    assertThat((List<Object>) s.figures.get("ingestJobRecords")).containsExactly(300L);
                });
        assertThat(report.scenarios())
                .filteredOn(s -> s.name.equals("webhook-latency"))
                .singleElement()
                .satisfies(s -> assertThat(s.figures.get("written")).isEqualTo(20));
        assertThat(report.scenarios())
                .filteredOn(s -> s.name.equals("change-event-latency"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.figures.get("arrived")).isEqualTo(20);
                    assertThat(s.figures.get("apiCallsIdle"))
                            .as("no event, no call")
                            .isEqualTo(0L);
                });
        assertThat(report.scenarios())
                .filteredOn(s -> s.name.equals("naive-baseline"))
                .singleElement()
                .satisfies(s -> assertThat((Long) s.figures.get("naiveApiCalls"))
                        .isGreaterThan((Long) s.figures.get("prmSyncApiCalls")));
        assertThat(report.scenarios())
                .filteredOn(s -> s.name.equals("memory-inbound"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.figures.get("records")).isEqualTo(2_000L);
                    assertThat(s.figures.get("store")).isEqualTo("H2 file (the default)");
                    // Read with a full collection before the first run: a started service holds tens of MiB.
                    assertThat((Long) s.figures.get("idleLiveHeapMiB")).isBetween(10L, 256L);
                    // The full resync's deletion sweep found the accounts purged from the recycle bin.
                    assertThat(s.targets)
                            .filteredOn(t -> t.name().startsWith("a full resync"))
                            .singleElement()
                            .satisfies(t -> assertThat(t.met())
                                    .as(String.valueOf(t.measured()))
                                    .isTrue());
                });
        // Run by -Pbench only (docs/benchmark.md): the smoke says so rather than dropping it.
        assertThat(report.scenarios())
                .filteredOn(s -> s.name.equals("cluster-inbound"))
                .singleElement()
                .satisfies(s -> assertThat(s.status).startsWith("not run: -Dbench.cluster-accounts=0"));
        assertThat(Files.readString(dir.resolve("report.md")))
                .contains("| inbound-full-h2 |")
                .contains("## Targets");
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"recordsPerReadCall\"");
    }
}
