package io.prmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.prmsync.sandbox.Endpoint;
import io.prmsync.sandbox.SimulatedFailure;
import io.prmsync.support.SalesforceRecords;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs above the bulk threshold go through Bulk API 2.0 jobs. The threshold is lowered to 40 records and the
 * chunks made small, so a few hundred records cross every boundary: several results chunks, several transactions
 * per chunk, several ingest pages.
 */
@TestPropertySource(
        properties = {
            "prm-sync.sync.bulk.threshold=40",
            "prm-sync.sync.bulk.job-size=120",
            "prm-sync.sync.bulk.results-chunk=25",
            "prm-sync.sync.bulk.apply-chunk=7",
            "prm-sync.sync.bulk.poll-interval=PT0.01S"
        })
abstract class BulkSyncContract extends SandboxSyncContract {

    @Test
    void aLargeInboundRunReadsItsRecordsWithOneQueryJob() {
        List<String> ids = IntStream.range(0, 100)
                .mapToObj(i -> salesforce
                        .org()
                        .insert(
                                "Account",
                                Map.of("Name", tag + " partner " + i, "IsPartner", true, "AnnualRevenue", 1000 + i)))
                .toList();
        long jobsBefore = queryJobs();
        long pagesBefore = salesforce.counters().count(Endpoint.QUERY_MORE);
        long chunksBefore = salesforce.counters().count(Endpoint.BULK_QUERY_RESULTS);
        long pollsBefore = salesforce.counters().count(Endpoint.BULK_QUERY_GET);
        salesforce.faults().bulkPollsBeforeComplete(3);

        sync.inbound(FLOW);

        assertThat(prmNamesLike(tag)).hasSize(100);
        assertThat(prmKeyOf(ids.get(99))).isEqualTo("SF-" + ids.get(99));
        assertThat(queryJobs() - jobsBefore).isEqualTo(1);
        assertThat(salesforce.counters().count(Endpoint.QUERY_MORE)).isEqualTo(pagesBefore);
        // 100 records in chunks of at most 25.
        assertThat(salesforce.counters().count(Endpoint.BULK_QUERY_RESULTS) - chunksBefore)
                .isGreaterThanOrEqualTo(4);
        assertThat(lastRunState("INBOUND")).isEqualTo("SUCCEEDED");
        // Three looks find the job still in progress; the fourth finds it complete.
        assertThat(salesforce.counters().count(Endpoint.BULK_QUERY_GET) - pollsBefore)
                .isEqualTo(4);

        // The watermark moved past every record the job read: once the run has read back the tiers its follow-up
        // wrote to the accounts, the next run finds nothing and needs no job.
        sync.inbound(FLOW);
        long jobsAfterEcho = queryJobs();
        sync.inbound(FLOW);
        assertThat(queryJobs()).isEqualTo(jobsAfterEcho);
    }

    @Test
    void updatesAndDeletionsArriveThroughTheQueryJob() {
        List<String> ids = IntStream.range(0, 60)
                .mapToObj(i ->
                        salesforce.org().insert("Account", Map.of("Name", tag + " partner " + i, "IsPartner", true)))
                .toList();
        sync.inbound(FLOW);
        long jobsBefore = queryJobs();

        ids.subList(0, 50).forEach(id -> salesforce.org().update(id, Map.of("Name", tag + " renamed " + id)));
        salesforce.org().delete(ids.get(59));
        sync.inbound(FLOW);

        assertThat(queryJobs() - jobsBefore).isEqualTo(1);
        assertThat(prmNamesLike(tag + " renamed")).hasSize(50);
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM partner_account WHERE partner_id = :k")
                        .param("k", "SF-" + ids.get(59))
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(prmNamesLike(tag)).hasSize(59);
    }

    @Test
    void certificationsReadByAQueryJobPromoteTheirPartnerOnceTheJobIsApplied() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String partner = salesforce.org().insert("Account", partner(tag + " learner", "P-" + tag));
        sync.settle(FLOW);
        winDeal("P-" + tag, 60000);
        template.sendBody("direct:tier-evaluation", null);
        assertThat(tierOf("P-" + tag)).isEqualTo("REGISTERED");
        long jobsBefore = queryJobs();

        // One certification that counts, among 60 (above the threshold) that make the run a bulk one.
        SalesforceRecords.certification(
                salesforce.org(), partner, "C-" + tag, "SALES-101", today.minusDays(10), today.plusDays(700));
        String other = salesforce.org().insert("Account", partner(tag + " other", "P-" + tag + "-other"));
        sync.inbound(FLOW);
        IntStream.range(0, 59)
                .forEach(i -> SalesforceRecords.certification(
                        salesforce.org(),
                        other,
                        "C-" + tag + "-" + i,
                        "SALES-101",
                        today.minusDays(800),
                        today.minusDays(400)));
        sync.inbound("certifications");

        assertThat(queryJobs() - jobsBefore).isEqualTo(1);
        assertThat(tierOf("P-" + tag)).isEqualTo("SILVER");
        assertThat(salesforce.org().findById(partner))
                .get()
                .extracting(r -> r.get("Partner_Tier__c"))
                .isEqualTo("SILVER");
    }

    @Test
    void aLargeOutboundRunWritesWithIngestJobsAndPairsEveryRecord() {
        IntStream.range(0, 150).forEach(i -> insertPrmPartner("P-" + tag + "-" + i, tag + " prm partner " + i));
        long ingestBefore = ingestJobs();
        long collectionsBefore = collectionWrites();

        sync.outbound(FLOW);

        assertThat(lastRunState("OUTBOUND")).isEqualTo("SUCCEEDED");
        IntStream.range(0, 150)
                .forEach(i ->
                        assertThat(accountsWithExternalId("P-" + tag + "-" + i)).hasSize(1));
        // 150 new rows in pages of 120: one job of 120, and 30 (under the threshold) in one collections call.
        assertThat(ingestJobs() - ingestBefore).isEqualTo(1);
        assertThat(collectionWrites() - collectionsBefore).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record_state WHERE prm_key LIKE :k AND sf_id IS NOT NULL")
                        .param("k", "P-" + tag + "-%")
                        .query(Long.class)
                        .single())
                .isEqualTo(150);

        // Salesforce now holds what the store holds: nothing goes out again.
        long callsBefore = salesforce.counters().total();
        sync.outbound(FLOW);
        assertThat(salesforce.counters().total()).isEqualTo(callsBefore);
    }

    @Test
    void changesToPairedRecordsGoOutAsAnUpdateJob() {
        IntStream.range(0, 60).forEach(i -> insertPrmPartner("P-" + tag + "-" + i, tag + " prm partner " + i));
        sync.outbound(FLOW);
        long ingestBefore = ingestJobs();

        // The description is the PRM store's to change (the name is Salesforce's).
        jdbc.sql("UPDATE partner_account SET description = CONCAT('v2 of ', partner_id), updated_at ="
                        + " CURRENT_TIMESTAMP WHERE partner_id LIKE :k")
                .param("k", "P-" + tag + "-%")
                .update();
        sync.outbound(FLOW);

        assertThat(ingestJobs() - ingestBefore).isEqualTo(1);
        assertThat(accountsWithExternalId("P-" + tag + "-7"))
                .singleElement()
                .satisfies(account -> assertThat(account).containsEntry("Description", "v2 of P-" + tag + "-7"));
        assertThat(salesforce.bulkJobs())
                .last()
                .satisfies(job -> assertThat(job.operation()).isEqualTo("update"));
    }

    @Test
    void aRecordTheJobRejectsBecomesADeadLetterWhileTheOthersAreSaved() {
        IntStream.range(0, 60).forEach(i -> insertPrmPartner("P-" + tag + "-" + i, tag + " prm partner " + i));
        salesforce
                .faults()
                .rejectRecords(
                        "Account",
                        "Name",
                        tag + " prm partner 13",
                        "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        "Partner names need a region");

        sync.outbound(FLOW);

        assertThat(lastRunState("OUTBOUND")).isEqualTo("SUCCEEDED");
        assertThat(accountsWithExternalId("P-" + tag + "-12")).hasSize(1);
        assertThat(accountsWithExternalId("P-" + tag + "-13")).isEmpty();
        Map<String, Object> letter = jdbc.sql("SELECT error_code, payload FROM dead_letter WHERE record_key = :k")
                .param("k", "P-" + tag + "-13")
                .query()
                .singleRow();
        assertThat(letter.get("error_code")).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        // The job's records let go of their fields while it runs: what was sent comes from the failed results.
        assertThat(letter.get("payload").toString())
                .contains("\"PRM_Partner_Id__c\":\"P-" + tag + "-13\"", "\"Name\":\"" + tag + " prm partner 13\"");
    }

    @Test
    void aJobCallThatFailsEndsTheRunAndTheNextRunSendsTheRecords() {
        IntStream.range(0, 60).forEach(i -> insertPrmPartner("P-" + tag + "-" + i, tag + " prm partner " + i));
        salesforce
                .faults()
                .failNext(
                        Endpoint.BULK_INGEST_UPLOAD,
                        1,
                        SimulatedFailure.httpError(400, "INVALIDJOBSTATE", "Job is not open for uploads"));

        sync.outbound(FLOW);

        assertThat(lastRunState("OUTBOUND")).isEqualTo("FAILED");
        assertThat(accountsWithExternalId("P-" + tag + "-0")).isEmpty();

        sync.outbound(FLOW);

        assertThat(lastRunState("OUTBOUND")).isEqualTo("SUCCEEDED");
        IntStream.range(0, 60)
                .forEach(i ->
                        assertThat(accountsWithExternalId("P-" + tag + "-" + i)).hasSize(1));
    }

    @Test
    void aTransientFailureOfAJobCallIsRetriedWithinTheRun() {
        List<String> ids = IntStream.range(0, 60)
                .mapToObj(i ->
                        salesforce.org().insert("Account", Map.of("Name", tag + " partner " + i, "IsPartner", true)))
                .toList();
        salesforce.faults().failNext(Endpoint.BULK_QUERY_RESULTS, 2, SimulatedFailure.serverUnavailable());

        sync.inbound(FLOW);

        assertThat(lastRunState("INBOUND")).isEqualTo("SUCCEEDED");
        assertThat(prmNamesLike(tag)).hasSize(60);
        assertThat(prmKeyOf(ids.get(0))).isEqualTo("SF-" + ids.get(0));
    }

    private String tierOf(String key) {
        return jdbc.sql("SELECT tier_code FROM partner_account WHERE partner_id = :k")
                .param("k", key)
                .query(String.class)
                .single();
    }

    private long queryJobs() {
        return salesforce.bulkJobs().stream()
                .filter(job -> job.kind().equals("query"))
                .count();
    }

    private long ingestJobs() {
        return salesforce.bulkJobs().stream()
                .filter(job -> job.kind().equals("ingest"))
                .count();
    }
}
