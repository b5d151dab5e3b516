package io.prmsync.sandbox;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header row of an ingest upload checked against the job's object: the field each column writes, or for a
 * {@code PartnerAccount.PRM_Partner_Id__c} column the lookup it sets through the parent's external id. Cells are
 * text; each is converted by its field's type, as the REST API converts JSON.
 */
final class BulkColumns {

    /** The cell that sets a field to null; an empty cell leaves the field as it is (on insert: not set). */
    private static final String NULL_CELL = "#N/A";

    /**
     * @param field     the field the column writes: for a relationship column, the lookup
     * @param parent    for a relationship column the parent object, else null
     * @param parentKey for a relationship column the parent's external id field, else null
     */
    private record Column(FieldDef field, ObjectDef parent, FieldDef parentKey) {
        /** The field whose type the cell has. */
        FieldDef typed() {
            return parentKey == null ? field : parentKey;
        }
    }

    private final List<Column> columns;

    private BulkColumns(List<Column> columns) {
        this.columns = columns;
    }

    /**
     * @throws IllegalArgumentException worded as the {@code errorMessage} of the job Salesforce fails for a header
     *                                  it cannot map
     */
    static BulkColumns of(Schema schema, ObjectDef type, String[] header) {
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            Column column = column(schema, type, name);
            if (!seen.add(column.field().name())) {
                throw new IllegalArgumentException("InvalidBatch : Duplicate field name: " + name);
            }
            columns.add(column);
        }
        return new BulkColumns(columns);
    }

    int size() {
        return columns.size();
    }

    /** The typed values of one row, or the per-record error for the first cell that does not fit its field. */
    RecordInput.Parsed values(String[] cells) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String cell = i < cells.length ? cells[i] : "";
            Column column = columns.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            if (cell.equals(NULL_CELL)) {
                values.put(column.field().name(), null);
                continue;
            }
            Object value;
            try {
                value = FieldValues.fromJson(column.typed(), TextNode.valueOf(cell));
            } catch (IllegalArgumentException e) {
                FieldDef field = column.typed();
                return new RecordInput.Parsed(
                        Map.of(),
                        ApiError.of(
                                "INVALID_TYPE_ON_FIELD_IN_RECORD",
                                field.label() + ": value not of required type: " + cell,
                                field.name()));
            }
            values.put(
                    column.field().name(),
                    column.parentKey() == null ? value : new ForeignKeyRef(column.parent(), column.parentKey(), value));
        }
        return new RecordInput.Parsed(values, null);
    }

    private static Column column(Schema schema, ObjectDef type, String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return type.field(name)
                    .map(field -> new Column(field, null, null))
                    .orElseThrow(() -> new IllegalArgumentException("InvalidBatch : Field name not found : " + name));
        }
        FieldDef lookup = type.relationship(name.substring(0, dot))
                .filter(f -> schema.object(f.referenceTo()).isPresent())
                .orElseThrow(() -> new IllegalArgumentException("InvalidBatch : Field name not found : " + name));
        ObjectDef parent = schema.object(lookup.referenceTo()).orElseThrow();
        String keyName = name.substring(dot + 1);
        FieldDef key = parent.field(keyName)
                .filter(FieldDef::externalId)
                .orElseThrow(() -> new IllegalArgumentException("InvalidBatch : Field name provided, " + keyName
                        + " is not an External ID or indexed field for " + parent.name()));
        return new Column(lookup, parent, key);
    }
}
