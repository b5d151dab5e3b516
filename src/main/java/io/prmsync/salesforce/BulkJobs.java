package io.prmsync.salesforce;

import com.google.common.io.CountingInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ColumnDelimiterEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobBase;
import org.apache.camel.component.salesforce.api.dto.bulkv2.LineEndingEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.springframework.stereotype.Component;

/**
 * Bulk API 2.0 jobs from creation to results, as two Java calls: a query job whose result chunks are handed over
 * one at a time, and an ingest job that answers one outcome per record. Salesforce runs a job on its own time; its
 * state is looked at every {@code pollInterval}, for at most the job timeout. A job that fails, is aborted or runs
 * too long raises {@link BulkJobException}; a call that fails raises {@link SalesforceCallException}.
 */
@Component
public class BulkJobs {

    /** Per-record code of a record an ended job did not process; it is sent again with the next run. */
    public static final String NOT_PROCESSED = "BULK_JOB_NOT_PROCESSED";

    private final Clock clock;
    private final SalesforceMetrics metrics;

    BulkJobs(Clock clock, SalesforceMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    /** How long to wait between two looks at a job, and for a job at most. */
    public record Timing(Duration pollInterval, Duration timeout) {}

    /**
     * Runs a {@code queryAll} job (deleted records included) and hands each chunk of its CSV results to
     * {@code chunks}, which reads it and answers how many records it held, before fetching the next; each call asks
     * for as many records as {@code chunkSize} says fit its bytes.
     *
     * @return the number of records the job found
     */
    public long query(
            SalesforceCalls calls,
            String soql,
            ResultsChunkSize chunkSize,
            Timing timing,
            ToLongFunction<InputStream> chunks) {
        QueryJob request = new QueryJob();
        request.setOperation(OperationEnum.QUERY_ALL);
        request.setQuery(soql);
        request.setContentType(ContentTypeEnum.CSV);
        request.setColumnDelimiter(ColumnDelimiterEnum.COMMA);
        request.setLineEnding(LineEndingEnum.LF);
        QueryJob created = calls.createQueryJob(request);
        BulkJobWatch job = new BulkJobWatch(created, timing.timeout(), clock);
        timed("query", job, () -> waitFor(job, timing, () -> calls.getQueryJob(job.jobId()), null));
        if (job.hasFailed()) {
            throw new BulkJobException(job.failure());
        }
        Optional<String> locator = Optional.empty();
        long records = 0;
        long bytes = 0;
        do {
            SalesforceCalls.QueryResultsChunk chunk =
                    calls.queryJobResults(job.jobId(), locator, chunkSize.next(records, bytes));
            CountingInputStream csv = new CountingInputStream(chunk.csv());
            records += chunks.applyAsLong(csv);
            bytes += csv.getCount();
            locator = chunk.nextLocator();
        } while (locator.isPresent());
        return job.recordsProcessed();
    }

    /** What an ingest job did: one outcome per record, in the order given, and why the job ended early if it did. */
    public record IngestResult(List<WriteOutcome> outcomes, Optional<String> failure) {

        /** This job's outcomes, then the next one's; the first failure, if any. */
        IngestResult followedBy(IngestResult next) {
            List<WriteOutcome> both = new ArrayList<>(outcomes);
            both.addAll(next.outcomes());
            return new IngestResult(both, failure.or(next::failure));
        }
    }

    /**
     * The CSV of records to write, built before their jobs run so that a caller need not hold the records' fields
     * while the jobs run (the results echo the uploaded columns): a part per job, each let go once uploaded.
     * Records whose CSV is more than the most one job may upload are split into parts of half as many (and so on).
     */
    public static final class Uploads {
        private final List<Part> parts;

        private Uploads(List<Part> parts) {
            this.parts = parts;
        }
    }

    /** Records {@code [from, to)} of those given, as one job's CSV until it is uploaded. */
    private static final class Part {
        private final int from;
        private final int to;
        private InputStream csv;

        Part(int from, int to, InputStream csv) {
            this.from = from;
            this.to = to;
            this.csv = csv;
        }

        InputStream take() {
            InputStream upload = csv;
            csv = null;
            return upload;
        }
    }

    /** The records' CSV, in parts of at most {@code maxBytes} (a single record's, however large, goes alone). */
    public static <R> Uploads uploads(List<R> records, Function<R, Map<String, Object>> fieldsOf, long maxBytes) {
        List<Part> parts = new ArrayList<>();
        addParts(records, 0, records.size(), fieldsOf, maxBytes, parts);
        return new Uploads(parts);
    }

    private static <R> void addParts(
            List<R> records,
            int from,
            int to,
            Function<R, Map<String, Object>> fieldsOf,
            long maxBytes,
            List<Part> parts) {
        BulkCsv.Upload upload =
                BulkCsv.upload(records.subList(from, to).stream().map(fieldsOf).toList());
        if (upload.bytes() > maxBytes && to - from > 1) {
            int half = from + (to - from) / 2;
            addParts(records, from, half, fieldsOf, maxBytes, parts);
            addParts(records, half, to, fieldsOf, maxBytes, parts);
        } else {
            parts.add(new Part(from, to, upload.csv()));
        }
    }

    /**
     * Upserts the records by external id ({@code externalIdField} present) or updates them by {@code Id}, an ingest
     * job per part of their upload, one after the other (each runs even when one before it failed). Results come in
     * no set order and echo the uploaded columns, so each is matched to its record by its key in {@code keys} (the
     * external id or the Id, in the records' order); the outcomes keep that order. A record a job never reached (it
     * failed or was aborted part way) is answered {@value #NOT_PROCESSED}. A job that completed saying no record
     * failed is not asked for its failed results (a call saved per job).
     */
    public IngestResult write(
            SalesforceCalls calls,
            String sObject,
            Optional<String> externalIdField,
            Uploads uploads,
            List<String> keys,
            Timing timing) {
        IngestResult written = new IngestResult(List.of(), Optional.empty());
        for (Part part : uploads.parts) {
            written = written.followedBy(
                    writeOne(calls, sObject, externalIdField, part, keys.subList(part.from, part.to), timing));
        }
        return written;
    }

    private IngestResult writeOne(
            SalesforceCalls calls,
            String sObject,
            Optional<String> externalIdField,
            Part part,
            List<String> keys,
            Timing timing) {
        Job request = new Job();
        request.setObject(sObject);
        request.setContentType(ContentTypeEnum.CSV);
        request.setColumnDelimiter(ColumnDelimiterEnum.COMMA);
        request.setLineEnding(LineEndingEnum.LF);
        request.setOperation(externalIdField.isPresent() ? OperationEnum.UPSERT : OperationEnum.UPDATE);
        externalIdField.ifPresent(request::setExternalIdFieldName);
        BulkJobWatch job = new BulkJobWatch(calls.createIngestJob(request), timing.timeout(), clock);
        timed(externalIdField.isPresent() ? "upsert" : "update", job, () -> {
            calls.uploadIngestData(job.jobId(), part.take());
            Job closed = calls.closeIngestJob(job.jobId());
            job.seen(closed, closed.getErrorMessage());
            waitFor(job, timing, () -> calls.getIngestJob(job.jobId()), Job::getErrorMessage);
        });
        String keyColumn = externalIdField.orElse("Id");
        Map<String, WriteOutcome> byKey =
                new HashMap<>(BulkWriteResults.successes(calls.successfulResults(job.jobId()), keyColumn));
        if (job.mayHaveFailedRecords()) {
            byKey.putAll(BulkWriteResults.failures(calls.failedResults(job.jobId()), keyColumn));
        }
        return outcomes(job, keys, byKey);
    }

    private static IngestResult outcomes(BulkJobWatch job, List<String> keys, Map<String, WriteOutcome> byKey) {
        WriteOutcome notProcessed = new WriteOutcome.Rejected(NOT_PROCESSED, job.failure());
        List<WriteOutcome> outcomes =
                keys.stream().map(key -> byKey.getOrDefault(key, notProcessed)).toList();
        return new IngestResult(outcomes, job.hasFailed() ? Optional.of(job.failure()) : Optional.empty());
    }

    /** Times the job from its creation until it ended, or until waiting for it failed (outcome {@code error}). */
    private void timed(String operation, BulkJobWatch job, Runnable untilEnded) {
        String outcome = "error";
        try {
            untilEnded.run();
            outcome = job.outcome();
        } finally {
            metrics.bulkJob(operation, Duration.between(job.createdAt(), clock.instant()), outcome);
        }
    }

    private static <J extends JobBase> void waitFor(
            BulkJobWatch job, Timing timing, Supplier<J> poll, Function<J, String> errorOf) {
        while (job.isRunning()) {
            pause(timing.pollInterval());
            J seen = poll.get();
            job.seen(seen, errorOf == null ? null : errorOf.apply(seen));
        }
    }

    private static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BulkJobException("Interrupted while waiting for a Bulk API 2.0 job");
        }
    }
}
