package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A Bulk API 2.0 query job. Its query runs when the job is created and the result stays fixed from then on, as
 * with a REST query cursor. The job keeps the selected values (references to the org's immutable values, not
 * rendered text) and renders a chunk of CSV only when a client asks for it.
 */
final class BulkQueryJob extends BulkJob {

    /**
     * Rows in a chunk when the client sets no maxRecords. Salesforce sizes chunks by bytes; a fixed count keeps
     * chunks predictable while still making clients of large results follow the locator.
     */
    static final int DEFAULT_CHUNK = 50_000;

    /** Locators are the Base64 of the first row's offset, as Salesforce's look. */
    private static final Base64.Encoder LOCATOR_ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** @param nextLocator the locator of the following chunk, or the literal {@code null} after the last one */
    record Chunk(String csv, String nextLocator, int records) {}

    private final List<String> columns;
    private List<Object[]> rows;
    private final long size;

    BulkQueryJob(
            String id,
            String operation,
            String object,
            String apiVersion,
            BulkCsv csv,
            Instant now,
            List<String> columns,
            List<Object[]> rows) {
        super(id, operation, object, apiVersion, csv, BulkJobState.UPLOAD_COMPLETE, now);
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.size = rows.size();
    }

    @Override
    String kind() {
        return "query";
    }

    /**
     * @param locator    null for the first chunk
     * @param maxRecords null for the default chunk size
     * @throws ApiException 409 INVALIDJOBSTATE until the job shows JobComplete; 400 INVALID_QUERY_LOCATOR
     */
    synchronized Chunk chunk(String locator, Integer maxRecords) {
        if (state() != BulkJobState.JOB_COMPLETE) {
            throw wrongState("get results of");
        }
        int from = locator == null ? 0 : offset(locator);
        int to = (int) Math.min(rows.size(), (long) from + (maxRecords == null ? DEFAULT_CHUNK : maxRecords));
        List<String[]> cells = rows.subList(from, to).stream()
                .map(row -> Arrays.stream(row).map(FieldValues::toCsv).toArray(String[]::new))
                .toList();
        String next = to < rows.size()
                ? LOCATOR_ENCODER.encodeToString(Integer.toString(to).getBytes(StandardCharsets.US_ASCII))
                : "null";
        return new Chunk(csv().write(columns, cells), next, to - from);
    }

    @Override
    synchronized long retainedRows() {
        return rows.size();
    }

    @Override
    long recordsProcessed() {
        return size;
    }

    @Override
    long recordsFailed() {
        return 0;
    }

    @Override
    synchronized void releaseData() {
        rows = List.of();
    }

    @Override
    void describe(ObjectNode json, BulkJobState shown) {
        json.put("jobType", "V2Query");
    }

    private int offset(String locator) {
        try {
            int offset =
                    Integer.parseInt(new String(Base64.getUrlDecoder().decode(locator), StandardCharsets.US_ASCII));
            if (offset > 0 && offset < rows.size()) {
                return offset;
            }
        } catch (IllegalArgumentException e) {
            // Not one of ours: answered below like any other unknown locator.
        }
        throw ApiException.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator: " + locator);
    }
}
