package io.prmsync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Message;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

/**
 * An ingest job from creation to one outcome per record, against scripted Salesforce answers: results matched by
 * the column that names each record, whatever order they come in, and records a failed job never reached sent
 * again.
 */
class BulkJobsTest {

    private static final String JOB_ID = "750000000000001AAA";
    private static final BulkJobs.Timing TIMING = new BulkJobs.Timing(Duration.ofMillis(1), Duration.ofMinutes(1));
    private static final long UNLIMITED = 100_000_000;

    private final ScriptedGateway gateway = new ScriptedGateway();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BulkJobs jobs = new BulkJobs(Clock.systemUTC(), new SalesforceMetrics(meters));

    @Test
    void everyRecordGetsItsOwnResultMatchedByExternalIdAndTheOnesTheJobNeverReachedAreSentAgain() {
        gateway.jobEnds(JobStateEnum.FAILED, "InvalidBatch : the org ran out of storage");
        gateway.successes("\"sf__Id\",\"sf__Created\",\"PRM_Partner_Id__c\"\n\"001B\",\"true\",\"P-2\"\n");
        gateway.failures("\"sf__Id\",\"sf__Error\",\"PRM_Partner_Id__c\"\n"
                + "\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\",\"P-3\"\n");

        BulkJobs.IngestResult result = upsert("P-1", "P-2", "P-3");

        assertThat(result.outcomes().get(0)).isInstanceOfSatisfying(WriteOutcome.Rejected.class, notReached -> {
            assertThat(notReached.errorCode()).isEqualTo(BulkJobs.NOT_PROCESSED);
            assertThat(notReached.message()).contains(JOB_ID).contains("out of storage");
        });
        assertThat(result.outcomes().get(1)).isEqualTo(new WriteOutcome.Saved("001B", true));
        assertThat(result.outcomes().get(2))
                .isInstanceOfSatisfying(
                        WriteOutcome.Rejected.class,
                        rejected -> assertThat(rejected.errorCode()).isEqualTo("REQUIRED_FIELD_MISSING"));
        assertThat(result.failure()).get().asString().contains("ended FAILED");
        assertThat(meters.get(SalesforceMetrics.BULK_JOBS)
                        .tags("operation", "upsert", "outcome", "failed")
                        .timer()
                        .count())
                .as("the failed job is timed under its operation and outcome")
                .isEqualTo(1);
        assertThat(gateway.operations)
                .containsSubsequence(
                        "bulk2CreateJob",
                        "bulk2CreateBatch",
                        "bulk2CloseJob",
                        "bulk2GetJob",
                        "bulk2GetSuccessfulResults",
                        "bulk2GetFailedResults");
    }

    @Test
    void anUpdateJobMatchesItsResultsById() {
        gateway.jobEnds(JobStateEnum.JOB_COMPLETE, null);
        gateway.successes(
                "\"sf__Id\",\"sf__Created\",\"Id\"\n\"001B\",\"false\",\"001B\"\n\"001A\",\"false\",\"001A\"\n");
        gateway.failures("\"sf__Id\",\"sf__Error\",\"Id\"\n");

        BulkJobs.IngestResult result = write(Optional.empty(), "Id", UNLIMITED, "001A", "001B");

        assertThat(result.outcomes())
                .containsExactly(new WriteOutcome.Saved("001A", false), new WriteOutcome.Saved("001B", false));
        assertThat(result.failure()).isEmpty();
    }

    @Test
    void recordsWhoseUploadIsLargerThanSalesforceTakesGoOutAsSeveralJobsInTheirOrder() {
        gateway.jobEnds(JobStateEnum.JOB_COMPLETE, null);
        gateway.ended.setNumberRecordsFailed(0L);
        gateway.successes("\"sf__Id\",\"sf__Created\",\"PRM_Partner_Id__c\"\n"
                + "\"001D\",\"true\",\"P-4\"\n\"001A\",\"true\",\"P-1\"\n"
                + "\"001C\",\"true\",\"P-3\"\n\"001B\",\"true\",\"P-2\"\n");
        // One record's CSV is 26 bytes, two records' 32: at most 30 a job, each record goes alone.
        BulkJobs.IngestResult result =
                write(Optional.of("PRM_Partner_Id__c"), "PRM_Partner_Id__c", 30, "P-1", "P-2", "P-3", "P-4");

        assertThat(gateway.operations).filteredOn("bulk2CreateJob"::equals).hasSize(4);
        assertThat(gateway.uploads)
                .allSatisfy(upload -> assertThat(upload.length()).isLessThanOrEqualTo(30));
        assertThat(gateway.uploads)
                .containsExactly(
                        "\"PRM_Partner_Id__c\"\n\"P-1\"\n",
                        "\"PRM_Partner_Id__c\"\n\"P-2\"\n",
                        "\"PRM_Partner_Id__c\"\n\"P-3\"\n",
                        "\"PRM_Partner_Id__c\"\n\"P-4\"\n");
        assertThat(result.outcomes())
                .containsExactly(
                        new WriteOutcome.Saved("001A", true),
                        new WriteOutcome.Saved("001B", true),
                        new WriteOutcome.Saved("001C", true),
                        new WriteOutcome.Saved("001D", true));
        assertThat(result.failure()).isEmpty();
    }

    @Test
    void aSingleRecordLargerThanTheLimitIsStillSentForSalesforceToJudge() {
        gateway.jobEnds(JobStateEnum.JOB_COMPLETE, null);
        gateway.ended.setNumberRecordsFailed(0L);
        gateway.successes("\"sf__Id\",\"sf__Created\",\"PRM_Partner_Id__c\"\n\"001A\",\"true\",\"P-1\"\n");

        write(Optional.of("PRM_Partner_Id__c"), "PRM_Partner_Id__c", 10, "P-1");

        assertThat(gateway.operations).filteredOn("bulk2CreateJob"::equals).hasSize(1);
    }

    @Test
    void aJobThatCompletedWithoutFailuresIsNotAskedForItsFailedResults() {
        gateway.jobEnds(JobStateEnum.JOB_COMPLETE, null);
        gateway.ended.setNumberRecordsFailed(0L);
        gateway.successes("\"sf__Id\",\"sf__Created\",\"PRM_Partner_Id__c\"\n\"001A\",\"true\",\"P-1\"\n");

        BulkJobs.IngestResult result = upsert("P-1");

        assertThat(result.outcomes()).containsExactly(new WriteOutcome.Saved("001A", true));
        assertThat(gateway.operations).contains("bulk2GetSuccessfulResults").doesNotContain("bulk2GetFailedResults");
    }

    @Test
    void aRejectedRecordCarriesTheUploadedColumnsItsFailedResultEchoesForItsDeadLetter() {
        gateway.jobEnds(JobStateEnum.JOB_COMPLETE, null);
        gateway.ended.setNumberRecordsFailed(1L);
        gateway.successes("\"sf__Id\",\"sf__Created\",\"PRM_Partner_Id__c\",\"Phone\"\n");
        gateway.failures("\"sf__Id\",\"sf__Error\",\"PRM_Partner_Id__c\",\"Phone\",\"Website\"\n"
                + "\"\",\"STRING_TOO_LONG:Phone: data value too large:Phone --\",\"P-1\",\"+1 555 0100\",\"#N/A\"\n");

        BulkJobs.IngestResult result = upsert("P-1");

        assertThat(result.outcomes().get(0)).isInstanceOfSatisfying(WriteOutcome.Rejected.class, rejected -> {
            assertThat(rejected.errorCode()).isEqualTo("STRING_TOO_LONG");
            assertThat(rejected.uploaded())
                    .as("the columns after Salesforce's own, a cell that set a field to null as null")
                    .containsExactly(
                            Map.entry("PRM_Partner_Id__c", "P-1"),
                            Map.entry("Phone", "+1 555 0100"),
                            new java.util.AbstractMap.SimpleEntry<>("Website", null));
        });
    }

    @Test
    void aCompletedJobThatFailedSomeRecordsIsAskedForThem() {
        gateway.jobEnds(JobStateEnum.JOB_COMPLETE, null);
        gateway.ended.setNumberRecordsFailed(1L);
        gateway.successes("\"sf__Id\",\"sf__Created\",\"PRM_Partner_Id__c\"\n");
        gateway.failures("\"sf__Id\",\"sf__Error\",\"PRM_Partner_Id__c\"\n"
                + "\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\",\"P-1\"\n");

        BulkJobs.IngestResult result = upsert("P-1");

        assertThat(result.outcomes().get(0))
                .isInstanceOfSatisfying(
                        WriteOutcome.Rejected.class,
                        rejected -> assertThat(rejected.errorCode()).isEqualTo("REQUIRED_FIELD_MISSING"));
        assertThat(gateway.operations).contains("bulk2GetFailedResults");
    }

    @Test
    void aJobAnswerWithoutAStateIsRefusedRatherThanWaitedOn() {
        gateway.created = new Job();
        gateway.created.setId(JOB_ID);

        assertThatThrownBy(() -> upsert("P-1"))
                .isInstanceOf(BulkJobException.class)
                .hasMessageContaining(JOB_ID)
                .hasMessageContaining("without its state");
    }

    @Test
    void eachResultsCallAsksForAsManyRecordsAsFitTheByteTargetAtTheSizeOfTheRecordsReadSoFar() {
        // Rows of 100 bytes (99 characters and the line end); 10 KB per call at most 50 records.
        String row = "x".repeat(99) + "\n";
        gateway.queryAnswers(row.repeat(10), row.repeat(50), row.repeat(3));
        List<Long> handedOver = new ArrayList<>();

        long found =
                jobs.query(gateway.calls(), "SELECT Id FROM Account", new ResultsChunkSize(50, 10_000), TIMING, csv -> {
                    long rows = lines(csv);
                    handedOver.add(rows);
                    return rows;
                });

        assertThat(handedOver).containsExactly(10L, 50L, 3L);
        assertThat(found).isEqualTo(63);
        assertThat(gateway.maxRecordsAsked)
                .as("first a guess of 1 KB a record (10,000 / 1,024), then 10,000 bytes at 100 bytes a record, capped"
                        + " at 50")
                .containsExactly(9, 50, 50);
    }

    @Test
    void wideRecordsAreAskedForFewAtATime() {
        String row = "y".repeat(2_499) + "\n";
        gateway.queryAnswers(row.repeat(4), row.repeat(4));

        jobs.query(
                gateway.calls(),
                "SELECT Id FROM Account",
                new ResultsChunkSize(50_000, 10_000),
                TIMING,
                BulkJobsTest::lines);

        assertThat(gateway.maxRecordsAsked).containsExactly(9, 4);
    }

    private static String text(java.io.InputStream csv) {
        try (csv) {
            return new String(csv.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads a scripted chunk whole, as the applier does, and counts its rows (these chunks have no header). */
    private static long lines(java.io.InputStream csv) {
        try (csv) {
            return new String(csv.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private BulkJobs.IngestResult upsert(String... keys) {
        return write(Optional.of("PRM_Partner_Id__c"), "PRM_Partner_Id__c", UNLIMITED, keys);
    }

    /** Records that are their own key, uploaded as the one column {@code column}. */
    private BulkJobs.IngestResult write(
            Optional<String> externalIdField, String column, long maxBytes, String... keys) {
        List<String> records = List.of(keys);
        return jobs.write(
                gateway.calls(),
                "Account",
                externalIdField,
                BulkJobs.uploads(records, key -> Map.of(column, key), maxBytes),
                records,
                TIMING);
    }

    /** Answers each Bulk API 2.0 call from a script and remembers the calls. */
    private static final class ScriptedGateway extends SalesforceGateway {

        private final List<String> operations = new ArrayList<>();
        private Job created = job(JobStateEnum.OPEN, null);
        private Job ended;
        private String successes;
        private String failures;
        private final java.util.ArrayDeque<String> queryAnswers = new java.util.ArrayDeque<>();
        private final List<Integer> maxRecordsAsked = new ArrayList<>();
        private final List<String> uploads = new ArrayList<>();

        ScriptedGateway() {
            super(null, null, null, null);
        }

        void jobEnds(JobStateEnum state, String error) {
            ended = job(state, error);
        }

        void successes(String csv) {
            successes = csv;
        }

        void failures(String csv) {
            failures = csv;
        }

        /** A query job that completes at once and answers these chunks of results in turn. */
        void queryAnswers(String... chunks) {
            queryAnswers.addAll(List.of(chunks));
        }

        @Override
        Message call(String operation, Object body, Map<String, Object> headers) {
            operations.add(operation);
            if (operation.equals("bulk2CreateBatch")) {
                uploads.add(text((java.io.InputStream) body));
            }
            Message answer = new DefaultMessage(new DefaultCamelContext());
            if (operation.equals("bulk2GetQueryJobResults")) {
                maxRecordsAsked.add((Integer) headers.get("maxRecords"));
                answer.setHeader("Sforce-Locator", queryAnswers.size() > 1 ? "next" : "null");
            }
            answer.setBody(
                    switch (operation) {
                        case "bulk2CreateQueryJob" -> queryJob(JobStateEnum.UPLOAD_COMPLETE);
                        case "bulk2GetQueryJob" -> queryJob(JobStateEnum.JOB_COMPLETE);
                        case "bulk2GetQueryJobResults" -> csv(queryAnswers.poll());
                        case "bulk2CreateJob" -> created;
                        case "bulk2CloseJob" -> job(JobStateEnum.UPLOAD_COMPLETE, null);
                        case "bulk2GetJob" -> ended;
                        case "bulk2GetSuccessfulResults" -> csv(successes);
                        case "bulk2GetFailedResults" -> csv(failures);
                        default -> null;
                    });
            return answer;
        }

        private static Job job(JobStateEnum state, String error) {
            Job job = new Job();
            job.setId(JOB_ID);
            job.setState(state);
            job.setErrorMessage(error);
            return job;
        }

        private static QueryJob queryJob(JobStateEnum state) {
            QueryJob job = new QueryJob();
            job.setId(JOB_ID);
            job.setState(state);
            job.setNumberRecordsProcessed(63L);
            return job;
        }

        private static ByteArrayInputStream csv(String text) {
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
