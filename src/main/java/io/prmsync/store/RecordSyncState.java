package io.prmsync.store;

import java.util.Map;

/**
 * What the sync knows about one record: its Salesforce id, hashes of the values Salesforce is known to hold
 * (split into the fields that flow in and the fields that flow out), and the last agreed value of each
 * latest-wins field, which tells which side changed such a field since.
 */
public record RecordSyncState(
        String entity,
        String prmKey,
        String sfId,
        String inboundHash,
        String outboundHash,
        Map<String, String> baseValues) {

    /** Outbound hash of a record deactivated in Salesforce after its PRM row was deleted. */
    public static final String DEACTIVATED = "deactivated";
    /** Inbound hash of a record Salesforce deleted: if it comes back (undeleted), its PRM row comes back too. */
    public static final String DELETED_IN_SALESFORCE = "deleted-in-salesforce";

    public RecordSyncState {
        baseValues = baseValues == null ? Map.of() : Map.copyOf(baseValues);
    }

    /** The same state without the base values: for holders that are done comparing with them. */
    public RecordSyncState withoutBaseValues() {
        return baseValues.isEmpty()
                ? this
                : new RecordSyncState(entity, prmKey, sfId, inboundHash, outboundHash, Map.of());
    }

    public RecordSyncState withOutbound(String sfId, String outboundHash, Map<String, String> baseValues) {
        return new RecordSyncState(
                entity, prmKey, sfId != null ? sfId : this.sfId, inboundHash, outboundHash, baseValues);
    }
}
