package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Bulk API 2.0 query ({@code /jobs/query}): the SOQL is checked when the job is created, with the same errors as
 * {@code /query}, and run at once; the job shows InProgress to its next job-info calls, then JobComplete, and
 * its rows come as CSV chunks linked by locators.
 */
final class BulkQueryHandler {

    private static final String LOCATOR_HEADER = "Sforce-Locator";
    private static final String RECORDS_HEADER = "Sforce-NumberOfRecords";

    private final SimulatedOrg org;
    private final FaultKnobs faults;
    private final BulkJobs jobs;
    private final QueryEngine engine;

    BulkQueryHandler(SimulatedOrg org, FaultKnobs faults, BulkJobs jobs) {
        this.org = org;
        this.faults = faults;
        this.jobs = jobs;
        this.engine = new QueryEngine(org.schema());
    }

    ApiResponse create(ApiRequest request) {
        JsonNode body = Json.parse(request.body());
        String operation = body.path("operation").asText("");
        if (!operation.equals("query") && !operation.equals("queryAll")) {
            throw ApiException.badRequest(
                    "INVALIDJOB", "Invalid operation for a query job: " + operation + ". Use query or queryAll.");
        }
        String soql = body.path("query").asText("");
        if (soql.isBlank()) {
            throw ApiException.badRequest("INVALIDJOB", "A query job needs a query");
        }
        BulkCsv csv = BulkCsv.of(body);
        QueryEngine.Prepared prepared = prepare(soql);
        long started = System.nanoTime();
        List<Object[]> rows = org.read(data -> prepared.values(data, operation.equals("queryAll")));
        BulkQueryJob job = new BulkQueryJob(
                jobs.nextId(),
                operation,
                prepared.from().name(),
                request.apiVersion(),
                csv,
                org.now(),
                prepared.columnNames(),
                rows);
        ObjectNode answer = job.toJson(job.state());
        job.finish(
                BulkJobState.JOB_COMPLETE,
                faults.bulkPollsBeforeComplete(),
                (System.nanoTime() - started) / 1_000_000,
                org.now());
        jobs.add(job);
        return ApiResponse.json(200, answer);
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.json(200, job(request).poll());
    }

    ApiResponse list(ApiRequest request) {
        return ApiResponse.json(200, jobs.page(BulkQueryJob.class));
    }

    /**
     * One chunk: at most {@code maxRecords} rows (else {@link BulkQueryJob#DEFAULT_CHUNK}) from the {@code locator}
     * (else the first row), each chunk with its own header row. {@code Sforce-Locator} names the next chunk, or is
     * the literal {@code null} on the last.
     */
    ApiResponse results(ApiRequest request) {
        BulkQueryJob job = job(request);
        Integer maxRecords =
                request.param("maxRecords").map(BulkQueryHandler::maxRecords).orElse(null);
        BulkQueryJob.Chunk chunk = job.chunk(request.param("locator").orElse(null), maxRecords);
        return ApiResponse.csv(chunk.csv())
                .withHeader(LOCATOR_HEADER, chunk.nextLocator())
                .withHeader(RECORDS_HEADER, Integer.toString(chunk.records()));
    }

    /** Only {@code {"state":"Aborted"}}: a query job is never closed by its client. */
    ApiResponse changeState(ApiRequest request) {
        BulkQueryJob job = job(request);
        String state = Json.parse(request.body()).path("state").asText("");
        if (!state.equals(BulkJobState.ABORTED.wireName())) {
            throw ApiException.badRequest(
                    "INVALIDJOBSTATE", "Invalid state for a query job update: " + state + ". Use Aborted.");
        }
        job.abort(org.now());
        return ApiResponse.json(200, job.toJson(job.state()));
    }

    ApiResponse delete(ApiRequest request) {
        BulkQueryJob job = job(request);
        job.checkDeletable();
        jobs.delete(job);
        return ApiResponse.noContent();
    }

    /**
     * Bulk API 2.0 refuses aggregate functions, GROUP BY, OFFSET, TYPEOF and parent-to-child subqueries; of those
     * only COUNT() gets past the simulator's parser, the others are already malformed to it.
     */
    private QueryEngine.Prepared prepare(String soql) {
        QueryEngine.Prepared prepared;
        try {
            prepared = engine.prepare(soql);
        } catch (SoqlException e) {
            throw e.toApiException(soql);
        }
        if (prepared.aggregate()) {
            throw ApiException.badRequest(
                    "INVALIDJOB",
                    "Aggregate functions such as COUNT() are not supported by" + " Bulk API 2.0 query jobs");
        }
        return prepared;
    }

    private BulkQueryJob job(ApiRequest request) {
        return jobs.find(request.resource().get(2), BulkQueryJob.class);
    }

    private static int maxRecords(String value) {
        try {
            int max = Integer.parseInt(value);
            if (max > 0) {
                return max;
            }
        } catch (NumberFormatException e) {
            // Refused below with the value as sent.
        }
        throw ApiException.badRequest("INVALIDPARAMETER", "maxRecords must be a positive whole number: " + value);
    }
}
