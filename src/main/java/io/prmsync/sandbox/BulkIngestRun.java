package io.prmsync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Processes a closed ingest job. The upload is first checked as a whole (line ending, header, row shape) so that
 * a job either fails before writing anything, with Salesforce's job-level error, or processes every row. The rows
 * then go through the WriteEngine in chunks of 10,000, Salesforce's internal batches, each chunk under the org's
 * write lock with one timestamp. As with sObject Collections without allOrNone, a failed row does not stop the
 * others.
 */
final class BulkIngestRun {

    private static final int INTERNAL_BATCH = 10_000;

    /**
     * @param results      one per row in upload order; null where the row was not processed
     * @param errorMessage why the whole job failed, worded like Salesforce's job {@code errorMessage}; else null
     * @param batches      internal batches processed, counted against DailyBulkApiBatches
     */
    record Outcome(RecordResult[] results, String errorMessage, int batches) {
        static Outcome failed(int rows, String errorMessage) {
            return new Outcome(new RecordResult[rows], errorMessage, 0);
        }
    }

    private final SimulatedOrg org;
    private final RejectionRules rejections;
    private final BulkIngestJob job;

    private BulkIngestRun(SimulatedOrg org, RejectionRules rejections, BulkIngestJob job) {
        this.org = org;
        this.rejections = rejections;
        this.job = job;
    }

    /** @param upload the job's CSV; null when the client closed the job without uploading */
    static Outcome run(SimulatedOrg org, RejectionRules rejections, BulkIngestJob job, String upload) {
        return new BulkIngestRun(org, rejections, job).run(upload);
    }

    private Outcome run(String upload) {
        BulkCsv csv = job.csv();
        if (upload == null) {
            return Outcome.failed(0, "ClientInputError : No data was uploaded for this job");
        }
        if (!csv.usesLineEnding(upload)) {
            return Outcome.failed(
                    0,
                    "ClientInputError : LineEnding is invalid on user data. Current LineEnding" + " setting is "
                            + csv.lineEndingName());
        }
        BulkColumns columns;
        int rows;
        try {
            BulkCsv.Rows reader = csv.read(upload);
            if (!reader.hasNext()) {
                return Outcome.failed(0, "ClientInputError : The CSV has no header row");
            }
            columns = BulkColumns.of(org.schema(), job.type(), reader.next());
            rows = countRows(reader, columns.size());
        } catch (BulkCsv.MalformedCsvException e) {
            return Outcome.failed(0, "ClientInputError : " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return Outcome.failed(csv.dataRows(upload), e.getMessage());
        }
        return write(csv.read(upload), columns, rows);
    }

    /** @throws IllegalArgumentException for a row with more cells than the header has columns */
    private static int countRows(BulkCsv.Rows reader, int columns) {
        int rows = 0;
        while (reader.hasNext()) {
            rows++;
            if (reader.next().length > columns) {
                throw new IllegalArgumentException(
                        "ClientInputError : Row " + rows + " has more values than the" + " header has columns");
            }
        }
        return rows;
    }

    private Outcome write(BulkCsv.Rows reader, BulkColumns columns, int rows) {
        reader.next();
        RecordResult[] results = new RecordResult[rows];
        List<RecordInput.Parsed> chunk = new ArrayList<>(Math.min(rows, INTERNAL_BATCH));
        int written = 0;
        int batches = 0;
        while (reader.hasNext()) {
            chunk.add(columns.values(reader.next()));
            if (chunk.size() == INTERNAL_BATCH || !reader.hasNext()) {
                for (RecordResult result : writeChunk(chunk)) {
                    results[written++] = result;
                }
                batches++;
                chunk.clear();
            }
        }
        return new Outcome(results, null, batches);
    }

    private List<RecordResult> writeChunk(List<RecordInput.Parsed> rows) {
        List<ApiError> errors =
                new ArrayList<>(rows.stream().map(RecordInput.Parsed::error).toList());
        FieldDef key = job.externalIdField();
        if (key != null) {
            List<Map<String, Object>> values = rows.stream()
                    .map(row -> row.error() == null ? row.values() : null)
                    .toList();
            DuplicateKeys.positions(values, key)
                    .forEach(i -> errors.set(
                            i, DuplicateKeys.error(rows.get(i).values().get(key.name()))));
        }
        return org.write(rejections, WriteOrigin.bulk(job.apiVersion()), engine -> {
            List<RecordResult> out = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                out.add(
                        errors.get(i) != null
                                ? RecordResult.failed(errors.get(i))
                                : job.operation()
                                        .apply(
                                                engine,
                                                job.type(),
                                                key,
                                                rows.get(i).values()));
            }
            return out;
        });
    }
}
