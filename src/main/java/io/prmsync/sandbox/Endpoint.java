package io.prmsync.sandbox;

/** The Salesforce API operations the simulator tells apart, for request counters and injected failures. */
public enum Endpoint {
    TOKEN,
    REVOKE,
    QUERY,
    QUERY_ALL,
    QUERY_MORE,
    SOBJECT_CREATE,
    SOBJECT_GET,
    SOBJECT_UPDATE,
    SOBJECT_UPSERT,
    SOBJECT_DELETE,
    DESCRIBE,
    LIMITS,
    COLLECTION_CREATE,
    COLLECTION_UPDATE,
    COLLECTION_UPSERT,
    COLLECTION_DELETE,
    COLLECTION_RETRIEVE,
    /** {@code POST /composite}: subrequests in one call (the simulator serves query subrequests). */
    COMPOSITE,
    /** Bulk API 2.0 ingest: {@code POST /jobs/ingest}. */
    BULK_INGEST_CREATE,
    /** {@code PUT /jobs/ingest/{id}/batches}: the job's CSV. */
    BULK_INGEST_UPLOAD,
    /** {@code PATCH /jobs/ingest/{id}}: UploadComplete or Aborted. */
    BULK_INGEST_STATE,
    /** {@code GET /jobs/ingest/{id}}: the call clients poll. */
    BULK_INGEST_GET,
    /** {@code GET /jobs/ingest}. */
    BULK_INGEST_LIST,
    /** {@code GET /jobs/ingest/{id}/successfulResults}, {@code /failedResults} and {@code /unprocessedrecords}. */
    BULK_INGEST_RESULTS,
    /** {@code DELETE /jobs/ingest/{id}}. */
    BULK_INGEST_DELETE,
    /** Bulk API 2.0 query: {@code POST /jobs/query}. */
    BULK_QUERY_CREATE,
    /** {@code PATCH /jobs/query/{id}}: Aborted. */
    BULK_QUERY_STATE,
    /** {@code GET /jobs/query/{id}}: the call clients poll. */
    BULK_QUERY_GET,
    /** {@code GET /jobs/query}. */
    BULK_QUERY_LIST,
    /** {@code GET /jobs/query/{id}/results}: one chunk of rows per call. */
    BULK_QUERY_RESULTS,
    /** {@code DELETE /jobs/query/{id}}. */
    BULK_QUERY_DELETE,
    OTHER
}
