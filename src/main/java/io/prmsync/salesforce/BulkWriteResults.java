package io.prmsync.salesforce;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an ingest job's successful and failed results. Salesforce returns them in no particular order, with the
 * uploaded columns after its own, so each result is matched to its record by the column that names the record.
 */
public final class BulkWriteResults {

    /** {@code STATUS_CODE:message:fields}, Salesforce's rendering of a record's first error. */
    private static final Pattern ERROR = Pattern.compile("([A-Z][A-Z0-9_]*):(.*)", Pattern.DOTALL);

    private BulkWriteResults() {}

    /** Saved records by the value of {@code keyColumn}, from {@code successfulResults}. */
    public static Map<String, WriteOutcome> successes(InputStream csv, String keyColumn) {
        Map<String, WriteOutcome> outcomes = new HashMap<>();
        for (Iterator<Map<String, String>> rows = BulkCsv.rows(csv); rows.hasNext(); ) {
            Map<String, String> row = rows.next();
            outcomes.put(
                    key(row, keyColumn),
                    new WriteOutcome.Saved(row.get("sf__Id"), "true".equalsIgnoreCase(row.get("sf__Created"))));
        }
        return outcomes;
    }

    /** Rejected records by the value of {@code keyColumn}, from {@code failedResults}. */
    public static Map<String, WriteOutcome> failures(InputStream csv, String keyColumn) {
        Map<String, WriteOutcome> outcomes = new HashMap<>();
        for (Iterator<Map<String, String>> rows = BulkCsv.rows(csv); rows.hasNext(); ) {
            Map<String, String> row = rows.next();
            outcomes.put(key(row, keyColumn), rejection(row.get("sf__Error"), uploaded(row)));
        }
        return outcomes;
    }

    static WriteOutcome.Rejected rejection(String error) {
        return rejection(error, Map.of());
    }

    private static WriteOutcome.Rejected rejection(String error, Map<String, String> uploaded) {
        if (error == null || error.isBlank()) {
            return new WriteOutcome.Rejected(
                    "UNKNOWN_ERROR", "Salesforce reported a failure without an error", uploaded);
        }
        Matcher matcher = ERROR.matcher(error);
        return matcher.matches()
                ? new WriteOutcome.Rejected(matcher.group(1), error, uploaded)
                : new WriteOutcome.Rejected("UNKNOWN_ERROR", error, uploaded);
    }

    /** The uploaded columns a result echoes after Salesforce's own, a cell that set a field to null as null. */
    private static Map<String, String> uploaded(Map<String, String> row) {
        Map<String, String> uploaded = new LinkedHashMap<>();
        row.forEach((column, cell) -> {
            if (!column.startsWith("sf__")) {
                uploaded.put(column, BulkCsv.NULL_CELL.equals(cell) ? null : cell);
            }
        });
        return uploaded;
    }

    private static String key(Map<String, String> row, String keyColumn) {
        String key = row.get(keyColumn);
        if (key == null || key.isEmpty()) {
            throw new SalesforceResponseException(
                    "Bulk job result without the " + keyColumn + " column that names" + " its record");
        }
        return key;
    }
}
