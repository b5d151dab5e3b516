package io.prmsync.salesforce;

import io.prmsync.mapping.SalesforceRecord;
import io.prmsync.mapping.ValueType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a row of a Bulk API 2.0 query result into the same {@link SalesforceRecord} a REST query page gives:
 * an empty cell is null, and a {@code Parent.Field} column becomes a nested parent, as in the REST JSON. Values
 * stay text; the mapping converts them to their column types as it does JSON values.
 */
public final class BulkQueryRecords {

    private BulkQueryRecords() {}

    public static SalesforceRecord toRecord(String sObject, Map<String, String> row) {
        Map<String, Object> fields = new LinkedHashMap<>(row.size() * 2);
        for (Map.Entry<String, String> cell : row.entrySet()) {
            String value = cell.getValue() == null || cell.getValue().isEmpty() ? null : cell.getValue();
            put(fields, cell.getKey(), value);
        }
        String id = row.get("Id");
        if (id == null || id.isEmpty()) {
            throw new SalesforceResponseException("Salesforce returned a " + sObject + " row without an Id");
        }
        return new SalesforceRecord(
                sObject,
                id,
                stamp(row, "SystemModstamp", id),
                stamp(row, "LastModifiedDate", id),
                "true".equalsIgnoreCase(row.get("IsDeleted")),
                fields);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> fields, String column, Object value) {
        int dot = column.indexOf('.');
        if (dot < 0) {
            fields.put(column, value);
            return;
        }
        String parent = column.substring(0, dot);
        if (value == null && !(fields.get(parent) instanceof Map)) {
            // No parent at all reads as a null parent, as in the REST API's JSON.
            fields.putIfAbsent(parent, null);
            return;
        }
        Object nested = fields.get(parent);
        if (!(nested instanceof Map)) {
            nested = new LinkedHashMap<String, Object>();
            fields.put(parent, nested);
        }
        put((Map<String, Object>) nested, column.substring(dot + 1), value);
    }

    private static java.time.Instant stamp(Map<String, String> row, String column, String id) {
        String value = row.get(column);
        if (value == null || value.isEmpty()) {
            throw new SalesforceResponseException(
                    "Salesforce row " + id + " came without " + column + "; the query must select it");
        }
        return ValueType.parseSalesforceDateTime(value);
    }
}
