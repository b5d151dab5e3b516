package io.prmsync.mapping;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Translates records between Salesforce's fields and the PRM store's columns for one {@link EntityMapping}. */
public final class RecordMapper {

    private final EntityMapping mapping;
    // The mapping derives these by filtering its fields; a flow asks for them for every record it reads.
    private final List<FieldMapping> inboundFields;
    private final List<FieldMapping> outboundFields;
    private final List<FieldMapping> latestWinsFields;
    private final List<FieldMapping> references;

    public RecordMapper(EntityMapping mapping) {
        this.mapping = mapping;
        this.inboundFields = mapping.inboundFields();
        this.outboundFields = mapping.outboundFields();
        this.latestWinsFields = mapping.fields().stream()
                .filter(f -> f.owner() == FieldOwner.LATEST_WINS)
                .toList();
        this.references = mapping.references();
    }

    /** {@link EntityMapping#inboundFields()}, derived once. */
    public List<FieldMapping> inboundFields() {
        return inboundFields;
    }

    /** {@link EntityMapping#references()}, derived once. */
    public List<FieldMapping> references() {
        return references;
    }

    public EntityMapping mapping() {
        return mapping;
    }

    /**
     * Every mapped field of a Salesforce record in canonical form.
     *
     * @throws MappingException when a value does not fit its PRM column's type
     */
    public RecordValues fromSalesforce(SalesforceRecord record) {
        Map<String, Object> values = new HashMap<>();
        for (FieldMapping field : mapping.fields()) {
            Object raw = record.value(field.salesforceField());
            try {
                values.put(field.prmColumn(), field.type().canonical(raw));
            } catch (RuntimeException e) {
                throw new MappingException(
                        mapping.sObject() + "." + field.salesforceField() + " value '" + raw
                                + "' of record " + record.id() + " cannot be stored in " + mapping.prmTable() + "."
                                + field.prmColumn() + " (" + field.type() + ")",
                        e);
            }
        }
        return new RecordValues(values);
    }

    /**
     * Checks that values about to be written to the PRM store hold every column the table requires.
     *
     * @throws MappingException naming the record and the missing columns
     */
    public void requireComplete(RecordValues values, String recordId) {
        List<String> missing = mapping.fields().stream()
                .filter(f -> f.required() && values.get(f.prmColumn()) == null)
                .map(f -> mapping.sObject() + "." + f.salesforceField() + " (" + f.prmColumn() + ")")
                .toList();
        if (!missing.isEmpty()) {
            throw new MappingException(
                    "Record " + recordId + " lacks values the PRM store requires: " + String.join(", ", missing), null);
        }
    }

    /** Every mapped column of a PRM row in canonical form. */
    public RecordValues fromPrm(Map<String, Object> row) {
        Map<String, Object> values = new HashMap<>();
        for (FieldMapping field : mapping.fields()) {
            values.put(field.prmColumn(), field.type().canonical(row.get(field.prmColumn())));
        }
        return new RecordValues(values);
    }

    /**
     * The Salesforce fields to send for a PRM row: on update only the fields the PRM store may change; on create
     * also the record filter and the Salesforce-owned fields the row has a value for (Salesforce has nothing yet,
     * and an empty Salesforce-owned field may well be one only Salesforce can set, such as a conversion result).
     */
    public Map<String, Object> toSalesforce(String prmKey, RecordValues values, boolean create) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldMapping field : mapping.fields()) {
            boolean sent = !field.isRelationshipPath()
                    && (field.owner().flowsOutbound() || (create && values.get(field.prmColumn()) != null));
            if (sent) {
                fields.put(field.salesforceField(), field.type().toSalesforce(values.get(field.prmColumn())));
            }
        }
        fields.put(mapping.externalIdField(), prmKey);
        if (create) {
            fields.putAll(mapping.recordFilter());
        }
        return fields;
    }

    /** The latest-wins fields as text: what both sides agree on after a sync. */
    public Map<String, String> agreedValues(RecordValues values) {
        return values.rendered(latestWinsFields);
    }

    /** Hash of the fields Salesforce may change in the PRM store. */
    public String inboundHash(RecordValues values) {
        return values.hash(inboundFields);
    }

    /** Hash of the fields the PRM store sends to Salesforce. */
    public String outboundHash(RecordValues values) {
        return values.hash(outboundFields);
    }
}
