package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Bulk API 2.0 ingest ({@code /jobs/ingest}): create a job, upload one CSV, close it, poll it, read its results.
 * The rows are written when the job is closed, through the same WriteEngine, validation and rejection rules as
 * sObject Collections; the job then shows InProgress to its next job-info calls before its outcome.
 */
final class BulkIngestHandler {

    private final SimulatedOrg org;
    private final FaultKnobs faults;
    private final RequestCounters counters;
    private final BulkJobs jobs;

    BulkIngestHandler(SimulatedOrg org, FaultKnobs faults, RequestCounters counters, BulkJobs jobs) {
        this.org = org;
        this.faults = faults;
        this.counters = counters;
        this.jobs = jobs;
    }

    ApiResponse create(ApiRequest request) {
        JsonNode body = Json.parse(request.body());
        String operationName = body.path("operation").asText("");
        IngestOperation operation = IngestOperation.named(operationName)
                .orElseThrow(() ->
                        ApiException.badRequest("INVALIDJOB", "Invalid operation for an ingest job: " + operationName));
        String objectName = body.path("object").asText("");
        ObjectDef type = org.schema()
                .object(objectName)
                .orElseThrow(() ->
                        ApiException.badRequest("INVALIDJOB", "sObject type '" + objectName + "' is not supported."));
        FieldDef key = operation == IngestOperation.UPSERT ? upsertKey(type, body) : null;
        BulkIngestJob job = new BulkIngestJob(
                jobs.nextId(), request.apiVersion(), BulkCsv.of(body), org.now(), type, operation, key);
        jobs.add(job);
        return ApiResponse.json(200, job.toJson(job.state()));
    }

    /** Salesforce answers 201 with no body; the CSV is only read when the job is closed. */
    ApiResponse upload(ApiRequest request) {
        BulkIngestJob job = job(request);
        String csv = request.body();
        if (csv == null || csv.isBlank()) {
            throw ApiException.badRequest(
                    "CLIENTINPUTERROR", "The upload is empty: send the CSV with its header" + " row");
        }
        long bytes = csv.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > org.ingestUploadLimit()) {
            // Salesforce's limit is documented (150 MB of base64 per job); its error code for it is not: this one is
            // the code it gives other refused uploads.
            throw ApiException.badRequest(
                    "CLIENTINPUTERROR",
                    "The upload is " + bytes + " bytes of CSV; a job takes at most " + org.ingestUploadLimit()
                            + " (Salesforce: 150 MB once base64-encoded, about 100 MB of CSV): split the records"
                            + " over several jobs");
        }
        job.upload(csv);
        counters.addRecords(Endpoint.BULK_INGEST_UPLOAD, job.csv().dataRows(csv));
        return ApiResponse.empty(201);
    }

    /** {@code {"state":"UploadComplete"}} processes the job; {@code {"state":"Aborted"}} abandons it. */
    ApiResponse changeState(ApiRequest request) {
        BulkIngestJob job = job(request);
        String state = Json.parse(request.body()).path("state").asText("");
        if (state.equals(BulkJobState.ABORTED.wireName())) {
            job.abort(org.now());
            return ApiResponse.json(200, job.toJson(job.state()));
        }
        if (!state.equals(BulkJobState.UPLOAD_COMPLETE.wireName())) {
            throw ApiException.badRequest(
                    "INVALIDJOBSTATE",
                    "Invalid state for an ingest job update: " + state + ". Use UploadComplete or Aborted.");
        }
        String upload = job.close(org.now());
        // Salesforce answers with the job just closed: rendered before the rows are written.
        ObjectNode answer = job.toJson(job.state());
        long started = System.nanoTime();
        BulkIngestRun.Outcome outcome = BulkIngestRun.run(org, faults.rejections(), job, upload);
        job.finish(outcome, faults.bulkPollsBeforeComplete(), (System.nanoTime() - started) / 1_000_000, org.now());
        jobs.processed(outcome.batches());
        return ApiResponse.json(200, answer);
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.json(200, job(request).poll());
    }

    ApiResponse list(ApiRequest request) {
        return ApiResponse.json(200, jobs.page(BulkIngestJob.class));
    }

    ApiResponse results(ApiRequest request) {
        BulkIngestJob job = job(request);
        return switch (request.resource().get(3)) {
            case "successfulResults" -> ApiResponse.csv(job.successfulResults());
            case "failedResults" -> ApiResponse.csv(job.failedResults());
            default -> ApiResponse.csv(job.unprocessedRecords());
        };
    }

    ApiResponse delete(ApiRequest request) {
        BulkIngestJob job = job(request);
        job.checkDeletable();
        jobs.delete(job);
        return ApiResponse.noContent();
    }

    private BulkIngestJob job(ApiRequest request) {
        return jobs.find(request.resource().get(2), BulkIngestJob.class);
    }

    /** Upsert matches on an external id field, or on Id. */
    private static FieldDef upsertKey(ObjectDef type, JsonNode body) {
        String name = body.path("externalIdFieldName").asText("");
        if (name.isBlank()) {
            throw ApiException.badRequest("INVALIDJOB", "External ID field name is required for upsert");
        }
        return type.field(name)
                .filter(f -> f.externalId() || f.name().equals("Id"))
                .orElseThrow(() -> ApiException.badRequest(
                        "INVALIDJOB", "Field " + name + " is not an External ID or indexed field for " + type.name()));
    }
}
