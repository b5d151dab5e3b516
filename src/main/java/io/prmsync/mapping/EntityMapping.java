package io.prmsync.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one kind of record is paired between the PRM store and Salesforce, as an admin configured it.
 *
 * @param source the file it was read from, for messages
 * @param entity entity name used in sync state ({@code partner-account})
 * @param prmTable PRM table
 * @param prmKey PRM key column; its value is the Salesforce external id
 * @param sObject Salesforce object
 * @param externalIdField Salesforce external id field holding the PRM key
 * @param recordFilter field values that select the flow's records in Salesforce and are set on records it creates
 * @param recordType developer name of the record type that selects the flow's records and is given to records it
 *     creates (Salesforce PRM's deal registration Leads, say); null when the object's records are not typed
 * @param lookups lookup fields that records created in Salesforce get, each the id of the one org record with given
 *     values (the partner program a ChannelProgramLevel belongs to, say)
 * @param createInPrm false for a flow that only updates PRM rows another flow created; it then reads only
 *     Salesforce records that carry the external id
 * @param fields mapped fields in file order
 * @param deletes deletion policy
 * @param duplicates what writes do about records Salesforce's duplicate rules flag
 * @param changeEventChannel the Change Data Capture channel whose events trigger this flow's inbound records
 *     runs, or null when the flow only polls (and takes webhooks)
 */
public record EntityMapping(
        String source,
        String entity,
        String prmTable,
        String prmKey,
        String sObject,
        String externalIdField,
        Map<String, Object> recordFilter,
        String recordType,
        Map<String, OrgLookup> lookups,
        boolean createInPrm,
        List<FieldMapping> fields,
        DeletePolicy deletes,
        DuplicatePolicy duplicates,
        String changeEventChannel) {

    public EntityMapping {
        recordFilter = Map.copyOf(recordFilter);
        lookups = Map.copyOf(lookups);
        fields = List.copyOf(fields);
    }

    /** An org record named by its field values, e.g. the ChannelProgram named "Partner Program". */
    public record OrgLookup(String sObject, Map<String, Object> where) {
        public OrgLookup {
            where = Map.copyOf(where);
        }
    }

    public Optional<String> changeEvents() {
        return Optional.ofNullable(changeEventChannel);
    }

    public Optional<FieldMapping> field(String prmColumn) {
        return fields.stream().filter(f -> f.prmColumn().equals(prmColumn)).findFirst();
    }

    /** How often every record is read again, for the mapping's calculated fields; empty when none is rechecked. */
    public Optional<java.time.Duration> recheckEvery() {
        return fields.stream()
                .map(FieldMapping::recheckEvery)
                .flatMap(Optional::stream)
                .min(java.util.Comparator.naturalOrder());
    }

    public List<FieldMapping> references() {
        return fields.stream().filter(FieldMapping::isReference).toList();
    }

    public List<FieldMapping> inboundFields() {
        return fields.stream().filter(f -> f.owner().flowsInbound()).toList();
    }

    /** Fields written to Salesforce; relationship paths are only ever read. */
    public List<FieldMapping> outboundFields() {
        return fields.stream()
                .filter(f -> f.owner().flowsOutbound() && !f.isRelationshipPath())
                .toList();
    }
}
