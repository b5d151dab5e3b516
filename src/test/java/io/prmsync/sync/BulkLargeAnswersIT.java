package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sandbox.BulkJobSummary;
import io.prmsync.sandbox.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Bulk API 2.0 answers of many megabytes. A results chunk is one HTTP answer, which the Salesforce component buffers
 * whole: past the HTTP client's default of 4 MiB it fails, so the service configures a larger buffer, and sizes the
 * chunks it asks for by bytes (here 2 MB, the default 4 MB), so that wide records come fewer to a call. An ingest job
 * carries up to 25,000 rows, which the store gives up a query page at a time, and no more CSV than the org takes in
 * one upload (here 1 MB; the default 80 MB against Salesforce's 150 MB of base64).
 */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:bulk-large-answers;DB_CLOSE_DELAY=-1",
            "prm-sync.sync.bulk.threshold=400",
            "prm-sync.sync.bulk.results-chunk-bytes=2MB",
            "prm-sync.sync.bulk.upload-max-bytes=1MB",
            // Each run reads only the records of its own test, whichever ran first.
            "prm-sync.sync.overlap=PT0S",
            "prm-sync.sync.bulk.poll-interval=PT0.01S"
        })
class BulkLargeAnswersIT extends SandboxSyncContract {

    @Test
    void aResultsChunkOfSeveralMegabytesArrivesWhole() {
        // 1,200 accounts with 3,900-character descriptions: a single chunk of about 4.7 MB.
        assertThat(resultsCallsToReadWideAccounts(1_200)).isEqualTo(1);
    }

    @Test
    void afterTheFirstChunkWideRecordsAreAskedForAsManyAsFitTheByteTarget() {
        // 2,500 accounts of about 4 KB: the first call asks for 2,048 (a guessed kilobyte each), the next for about
        // 2 MB / 4 KB = 520, enough for the 452 left.
        assertThat(resultsCallsToReadWideAccounts(2_500)).isEqualTo(2);
    }

    /** Inserts that many accounts with 3,900-character descriptions and reads them; how many results calls it took. */
    private long resultsCallsToReadWideAccounts(int accounts) {
        String description = "d".repeat(3_900);
        IntStream.range(0, accounts)
                .forEach(i -> salesforce
                        .org()
                        .insert(
                                "Account",
                                Map.of("Name", tag + " partner " + i, "IsPartner", true, "Description", description)));
        long chunksBefore = salesforce.counters().count(Endpoint.BULK_QUERY_RESULTS);

        sync.inbound(FLOW);

        assertThat(lastRunState("INBOUND")).isEqualTo("SUCCEEDED");
        assertThat(prmNamesLike(tag)).hasSize(accounts);
        return salesforce.counters().count(Endpoint.BULK_QUERY_RESULTS) - chunksBefore;
    }

    @Test
    void anIngestJobCarriesAWholePageOfRowsThatTheStoreGaveUpInParts() {
        // 2,500 new rows, read a query page (200 in these tests) at a time into one page of the job size.
        IntStream.range(0, 2_500).forEach(i -> insertPrmPartner("P-" + tag + "-" + i, tag + " prm partner " + i));
        Set<String> jobsBefore =
                salesforce.bulkJobs().stream().map(BulkJobSummary::id).collect(Collectors.toSet());

        sync.outbound(FLOW);

        assertThat(lastRunState("OUTBOUND")).isEqualTo("SUCCEEDED");
        assertThat(salesforce.bulkJobs())
                .filteredOn(job -> !jobsBefore.contains(job.id()))
                .filteredOn(
                        job -> job.kind().equals("ingest") && job.operation().equals("upsert"))
                .singleElement()
                .satisfies(job -> {
                    assertThat(job.numberRecordsProcessed()).isEqualTo(2_500);
                    assertThat(job.numberRecordsFailed()).isZero();
                });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record_state WHERE prm_key LIKE :k AND sf_id IS NOT NULL")
                        .param("k", "P-" + tag + "-%")
                        .query(Long.class)
                        .single())
                .isEqualTo(2_500);
        // The watermark passed every part: nothing goes out again.
        long callsBefore = salesforce.counters().total();
        sync.outbound(FLOW);
        assertThat(salesforce.counters().total()).isEqualTo(callsBefore);
    }

    @Test
    void wideRowsWhoseUploadTheOrgWouldRefuseGoOutAsSeveralJobs() {
        salesforce.org().setIngestUploadLimit(1_500_000);
        try {
            // 1,000 new rows with 3,900-character descriptions: about 4 MB of CSV, more than the org takes at once.
            IntStream.range(0, 1_000).forEach(i -> insertPrmPartner("P-" + tag + "-" + i, tag + " wide " + i));
            jdbc.sql("UPDATE partner_account SET description = :d WHERE partner_id LIKE :k")
                    .param("d", "d".repeat(3_900))
                    .param("k", "P-" + tag + "-%")
                    .update();
            Set<String> jobsBefore =
                    salesforce.bulkJobs().stream().map(BulkJobSummary::id).collect(Collectors.toSet());

            sync.outbound(FLOW);

            assertThat(lastRunState("OUTBOUND")).isEqualTo("SUCCEEDED");
            List<BulkJobSummary> jobs = salesforce.bulkJobs().stream()
                    .filter(job -> !jobsBefore.contains(job.id()))
                    .filter(job ->
                            job.kind().equals("ingest") && job.operation().equals("upsert"))
                    .toList();
            assertThat(jobs).hasSizeGreaterThan(1);
            assertThat(jobs.stream()
                            .mapToLong(BulkJobSummary::numberRecordsProcessed)
                            .sum())
                    .isEqualTo(1_000);
            assertThat(jobs)
                    .allSatisfy(job -> assertThat(job.numberRecordsFailed()).isZero());
            assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record_state WHERE prm_key LIKE :k AND sf_id IS NOT NULL")
                            .param("k", "P-" + tag + "-%")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1_000);
        } finally {
            salesforce.org().setIngestUploadLimit(100_000_000L);
        }
    }
}
