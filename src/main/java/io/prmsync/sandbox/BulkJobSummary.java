package io.prmsync.sandbox;

/**
 * What a test or benchmark needs to know about one Bulk API 2.0 job.
 *
 * @param kind      {@code "ingest"} or {@code "query"}
 * @param operation as the job names it: insert, update, upsert, delete, hardDelete, query, queryAll
 * @param state     as a job-info call would answer now (Open, UploadComplete, InProgress, JobComplete, Failed,
 *                  Aborted); a deleted job keeps its last state
 * @param numberRecordsProcessed rows written (failed ones included) or, for a query job, rows of the result
 * @param numberRecordsFailed    rows with a per-record error; always 0 for a query job
 */
public record BulkJobSummary(
        String kind,
        String id,
        String object,
        String operation,
        String state,
        long numberRecordsProcessed,
        long numberRecordsFailed) {}
