package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What ingest and query jobs share: identity, CSV dialect, timestamps and the state a client sees. The simulator
 * does a job's work at once, but a finished job answers InProgress to its first job-info calls (the
 * {@link FaultKnobs#bulkPollsBeforeComplete} knob), so clients have to poll as they do against Salesforce.
 * Guarded by the job's own monitor.
 */
abstract class BulkJob {

    private final String id;
    private final String operation;
    private final String object;
    private final String apiVersion;
    private final BulkCsv csv;
    private final Instant createdDate;
    private Instant systemModstamp;
    private BulkJobState state;
    private int pollsLeft;
    private long processingMillis;
    private boolean forgotten;

    BulkJob(
            String id,
            String operation,
            String object,
            String apiVersion,
            BulkCsv csv,
            BulkJobState state,
            Instant now) {
        this.id = id;
        this.operation = operation;
        this.object = object;
        this.apiVersion = apiVersion;
        this.csv = csv;
        this.state = state;
        this.createdDate = now;
        this.systemModstamp = now;
    }

    /** {@code "ingest"} or {@code "query"}, as in the URL. */
    abstract String kind();

    /** Rows the job holds for its results: what the simulator bounds its memory by. */
    abstract long retainedRows();

    abstract long recordsProcessed();

    abstract long recordsFailed();

    /** Lets go of the job's rows once it is deleted or pushed out; from then on the API answers 404 for it. */
    abstract void releaseData();

    /** The fields only one kind of job has, added to its JSON. */
    abstract void describe(ObjectNode json, BulkJobState shown);

    String id() {
        return id;
    }

    BulkCsv csv() {
        return csv;
    }

    String apiVersion() {
        return apiVersion;
    }

    /** The state a job-info call would answer, without counting as one. */
    synchronized BulkJobState state() {
        return pollsLeft > 0 ? BulkJobState.IN_PROGRESS : state;
    }

    /** A job-info call: answers the current state and brings the job one call closer to showing its outcome. */
    synchronized ObjectNode poll() {
        BulkJobState shown = state();
        if (pollsLeft > 0) {
            pollsLeft--;
        }
        return toJson(shown);
    }

    /** The job as Salesforce renders it; counts show once the job is seen finished. */
    synchronized ObjectNode toJson(BulkJobState shown) {
        ObjectNode json = Json.object()
                .put("id", id)
                .put("operation", operation)
                .put("object", object)
                .put("createdById", SimulatedOrg.USER_ID)
                .put("createdDate", FieldValues.SALESFORCE_DATETIME.format(createdDate))
                .put("systemModstamp", FieldValues.SALESFORCE_DATETIME.format(systemModstamp))
                .put("state", shown.wireName())
                .put("concurrencyMode", "Parallel")
                .put("contentType", "CSV")
                .put("apiVersion", Double.parseDouble(apiVersion))
                .put("lineEnding", csv.lineEndingName())
                .put("columnDelimiter", csv.delimiterName())
                .put("numberRecordsProcessed", shown.finished() ? recordsProcessed() : 0)
                .put("retries", 0)
                .put("totalProcessingTime", shown.finished() ? processingMillis : 0);
        describe(json, shown);
        return json;
    }

    synchronized BulkJobSummary summary() {
        return new BulkJobSummary(
                kind(), id, object, operation, state().wireName(), recordsProcessed(), recordsFailed());
    }

    /** @throws ApiException 409 INVALIDJOBSTATE unless the job (as a client sees it) is in the state */
    synchronized void require(BulkJobState expected, String action) {
        if (state() != expected) {
            throw wrongState(action);
        }
    }

    /** From Open to UploadComplete, or from Open / UploadComplete / InProgress to Aborted. */
    synchronized void moveTo(BulkJobState next, Instant now) {
        state = next;
        pollsLeft = 0;
        systemModstamp = now;
    }

    /**
     * The work is done: the outcome shows after {@code polls} job-info calls. An abort that came in while the work
     * ran stands.
     */
    synchronized void finish(BulkJobState outcome, int polls, long millis, Instant now) {
        if (state == BulkJobState.ABORTED) {
            return;
        }
        state = outcome;
        pollsLeft = polls;
        processingMillis = millis;
        systemModstamp = now;
    }

    /** @throws ApiException 409 INVALIDJOBSTATE when the job is already finished */
    synchronized void abort(Instant now) {
        if (state().finished()) {
            throw wrongState("abort");
        }
        moveTo(BulkJobState.ABORTED, now);
    }

    /** @throws ApiException 409 INVALIDJOBSTATE while the job is open or in progress, as Salesforce refuses */
    synchronized void checkDeletable() {
        if (!state().deletable()) {
            throw wrongState("delete");
        }
    }

    synchronized void forget() {
        forgotten = true;
        releaseData();
    }

    synchronized boolean answered() {
        return !forgotten;
    }

    ApiException wrongState(String action) {
        return ApiException.of(
                409, "INVALIDJOBSTATE", "Cannot " + action + " job " + id + " in state " + state().wireName());
    }
}
