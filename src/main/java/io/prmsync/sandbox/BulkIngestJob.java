package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A Bulk API 2.0 ingest job: one CSV upload, written row by row once the client closes the job, and the
 * per-row results it answers with afterwards. It keeps the upload text (compact) and one result per row rather
 * than parsed rows, and reads the upload again to echo rows in its results.
 */
final class BulkIngestJob extends BulkJob {

    private final ObjectDef type;
    private final IngestOperation operation;
    private final FieldDef externalIdField;
    private String upload;
    private int uploads;
    private RecordResult[] results = new RecordResult[0];
    private String errorMessage;
    private long processed;
    private long failed;

    /** @param externalIdField the upsert key; null for the other operations */
    BulkIngestJob(
            String id,
            String apiVersion,
            BulkCsv csv,
            Instant now,
            ObjectDef type,
            IngestOperation operation,
            FieldDef externalIdField) {
        super(id, operation.wireName(), type.name(), apiVersion, csv, BulkJobState.OPEN, now);
        this.type = type;
        this.operation = operation;
        this.externalIdField = externalIdField;
    }

    @Override
    String kind() {
        return "ingest";
    }

    ObjectDef type() {
        return type;
    }

    IngestOperation operation() {
        return operation;
    }

    FieldDef externalIdField() {
        return externalIdField;
    }

    /**
     * Salesforce accepts a second upload here and refuses the job only when it is closed; the simulator does the
     * same, keeping the first upload.
     *
     * @throws ApiException 409 INVALIDJOBSTATE unless the job is open
     */
    synchronized void upload(String csv) {
        require(BulkJobState.OPEN, "upload data to");
        uploads++;
        if (upload == null) {
            upload = csv;
        }
    }

    /**
     * Moves the job to UploadComplete and hands out its upload (null when nothing was uploaded).
     *
     * @throws ApiException 409 INVALIDJOBSTATE unless open; 400 INVALIDJOB after more than one upload, in
     *                      Salesforce's wording (its spelling of "multiple" included)
     */
    synchronized String close(Instant now) {
        require(BulkJobState.OPEN, "close");
        if (uploads > 1) {
            throw ApiException.badRequest(
                    "INVALIDJOB",
                    "Found multipe contents for job: <" + id() + ">, please"
                            + " 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do"
                            + " 'PUT' once on a given Job.");
        }
        moveTo(BulkJobState.UPLOAD_COMPLETE, now);
        return upload;
    }

    synchronized void finish(BulkIngestRun.Outcome outcome, int polls, long millis, Instant now) {
        results = outcome.results();
        errorMessage = outcome.errorMessage();
        processed = 0;
        failed = 0;
        for (RecordResult result : results) {
            if (result != null) {
                processed++;
                failed += result.success() ? 0 : 1;
            }
        }
        finish(errorMessage == null ? BulkJobState.JOB_COMPLETE : BulkJobState.FAILED, polls, millis, now);
    }

    /** {@code sf__Id}, {@code sf__Created}, then the uploaded columns, for each row written. */
    synchronized String successfulResults() {
        return results(
                "sf__Created",
                (result, row) -> result != null && result.success()
                        ? prefixed(row, result.id(), String.valueOf(result.created()))
                        : null);
    }

    /** {@code sf__Id}, {@code sf__Error} ({@code CODE:message:fields --}), then the uploaded columns. */
    synchronized String failedResults() {
        return results(
                "sf__Error",
                (result, row) -> result != null && !result.success()
                        ? prefixed(row, result.id(), errorText(result.errors().get(0)))
                        : null);
    }

    /** The uploaded columns of the rows never written: after an abort, or when the job failed as a whole. */
    synchronized String unprocessedRecords() {
        requireFinished();
        if (upload == null) {
            return "";
        }
        List<String[]> rows = new ArrayList<>();
        String[] header = eachRow((index, row) -> {
            if (index >= results.length || results[index] == null) {
                rows.add(row);
            }
        });
        return header == null ? "" : csv().write(List.of(header), rows);
    }

    @Override
    synchronized long retainedRows() {
        return results.length;
    }

    @Override
    synchronized long recordsProcessed() {
        return processed;
    }

    @Override
    synchronized long recordsFailed() {
        return failed;
    }

    @Override
    synchronized void releaseData() {
        upload = null;
        results = new RecordResult[0];
    }

    @Override
    void describe(ObjectNode json, BulkJobState shown) {
        if (externalIdField != null) {
            json.put("externalIdFieldName", externalIdField.name());
        }
        json.put("jobType", "V2Ingest")
                .put("contentUrl", "services/data/v" + apiVersion() + "/jobs/ingest/" + id() + "/batches")
                .put("numberRecordsFailed", shown.finished() ? recordsFailed() : 0)
                .put("apiActiveProcessingTime", 0)
                .put("apexProcessingTime", 0);
        if (shown == BulkJobState.FAILED) {
            json.put("errorMessage", errorMessage);
        }
    }

    /**
     * The error column of a failed row as Bulk API writes it, {@code CODE:message:fields --}: for instance
     * {@code REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --}, or {@code ...:--} without fields.
     */
    static String errorText(ApiError error) {
        String fields = error.fields().isEmpty() ? "--" : String.join(",", error.fields()) + " --";
        return error.errorCode() + ":" + error.message() + ":" + fields;
    }

    private String results(String secondColumn, BiFunction<RecordResult, String[], String[]> line) {
        requireFinished();
        if (upload == null) {
            return "";
        }
        List<String[]> rows = new ArrayList<>();
        String[] header = eachRow((index, row) -> {
            String[] out = line.apply(index < results.length ? results[index] : null, row);
            if (out != null) {
                rows.add(out);
            }
        });
        return header == null ? "" : csv().write(prefixedHeader(header, secondColumn), rows);
    }

    private interface RowVisitor {
        void visit(int index, String[] row);
    }

    /** Reads the upload again, row by row, and answers its header (null when it has none). */
    private String[] eachRow(RowVisitor visitor) {
        String[] header = null;
        try {
            BulkCsv.Rows rows = csv().read(upload);
            if (rows.hasNext()) {
                header = rows.next();
                for (int index = 0; rows.hasNext(); index++) {
                    visitor.visit(index, rows.next());
                }
            }
        } catch (BulkCsv.MalformedCsvException e) {
            // The job failed on this row: the rows before it are all there is to echo.
        }
        return header;
    }

    private void requireFinished() {
        if (!state().finished()) {
            throw wrongState("get results of");
        }
    }

    private static List<String> prefixedHeader(String[] header, String secondColumn) {
        List<String> columns = new ArrayList<>(List.of("sf__Id", secondColumn));
        columns.addAll(List.of(header));
        return columns;
    }

    private static String[] prefixed(String[] row, String first, String second) {
        String[] out = new String[row.length + 2];
        out[0] = first;
        out[1] = second;
        System.arraycopy(row, 0, out, 2, row.length);
        return out;
    }
}
