package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The org's Bulk API 2.0 jobs, both kinds, oldest first. So that a long benchmark does not grow without bound,
 * the API answers only for the last 200 jobs not deleted, holding at most 1,000,000 rows between them (the newest
 * job always stays); older ones are forgotten as if deleted. A summary of each of the last 10,000 jobs, deleted
 * ones included, stays for tests and benchmarks.
 */
final class BulkJobs {

    static final int DAILY_QUERY_JOBS = 10_000;
    static final int DAILY_BATCHES = 15_000;

    private static final String KEY_PREFIX = "750";
    private static final int MAX_ANSWERED = 200;
    private static final long MAX_ANSWERED_ROWS = 1_000_000;
    private static final int MAX_SUMMARIES = 10_000;

    private final SalesforceIds ids = new SalesforceIds();
    private final Map<String, BulkJob> jobs = new LinkedHashMap<>();
    private final AtomicLong queryJobs = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();

    /** Ingest and query jobs share the key prefix 750, as in Salesforce. */
    String nextId() {
        return ids.next(KEY_PREFIX);
    }

    synchronized void add(BulkJob job) {
        jobs.put(job.id(), job);
        if (job instanceof BulkQueryJob) {
            queryJobs.incrementAndGet();
        }
        forgetOldest();
    }

    /** @throws ApiException 404 NOT_FOUND for an unknown, deleted or forgotten job, or one of the other kind */
    synchronized <T extends BulkJob> T find(String id, Class<T> kind) {
        BulkJob job = SalesforceIds.isWellFormed(id) ? jobs.get(SalesforceIds.to18(id)) : null;
        if (!kind.isInstance(job) || !job.answered()) {
            throw ApiException.notFound();
        }
        return kind.cast(job);
    }

    /**
     * The answer to {@code GET /jobs/ingest} or {@code /jobs/query}: every job of the kind in one page, as the
     * simulator keeps no more than fit on Salesforce's first.
     */
    synchronized ObjectNode page(Class<? extends BulkJob> kind) {
        ObjectNode body = Json.object().put("done", true);
        ArrayNode records = body.putArray("records");
        jobs.values().stream()
                .filter(kind::isInstance)
                .filter(BulkJob::answered)
                .forEach(job -> records.add(job.toJson(job.state())));
        body.putNull("nextRecordsUrl");
        return body;
    }

    synchronized void delete(BulkJob job) {
        job.forget();
    }

    /** An ingest job wrote its rows in this many internal batches and now holds their results. */
    synchronized void processed(int internalBatches) {
        batches.addAndGet(internalBatches);
        forgetOldest();
    }

    synchronized List<BulkJobSummary> summaries() {
        return jobs.values().stream().map(BulkJob::summary).toList();
    }

    long queryJobsCreated() {
        return queryJobs.get();
    }

    long batchesProcessed() {
        return batches.get();
    }

    private void forgetOldest() {
        Iterator<BulkJob> oldest = jobs.values().iterator();
        while (jobs.size() > MAX_SUMMARIES) {
            oldest.next().forget();
            oldest.remove();
        }
        List<BulkJob> answered =
                new ArrayList<>(jobs.values().stream().filter(BulkJob::answered).toList());
        long rows = answered.stream().mapToLong(BulkJob::retainedRows).sum();
        while (answered.size() > MAX_ANSWERED || rows > MAX_ANSWERED_ROWS && answered.size() > 1) {
            BulkJob job = answered.remove(0);
            rows -= job.retainedRows();
            job.forget();
        }
    }
}
