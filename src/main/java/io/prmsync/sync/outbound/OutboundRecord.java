package io.prmsync.sync.outbound;

import io.prmsync.store.RecordSyncState;
import java.time.Instant;
import java.util.Map;

/**
 * One PRM row on its way to Salesforce.
 *
 * @param fields Salesforce fields to send
 * @param outboundHash hash of the outbound fields sent, remembered on success for echo suppression
 * @param agreed latest-wins values Salesforce will hold once the write succeeds
 * @param state sync state before the write, or null for a record never synced
 * @param prmUpdatedAt when the PRM row last changed: a field's change time where the store keeps none
 */
public record OutboundRecord(
        String prmKey,
        Map<String, Object> fields,
        String outboundHash,
        Map<String, String> agreed,
        RecordSyncState state,
        Instant prmUpdatedAt) {

    /** Held compactly: a bulk job keeps thousands of planned records until its results are in. */
    public OutboundRecord {
        fields = PlannedFields.copyOf(fields);
        agreed = Map.copyOf(agreed);
    }

    /**
     * The same record sending {@code fields} instead: fields Salesforce won are left out, while the hash and agreed
     * values stay as planned, so the next inbound run sees Salesforce's value as its change and brings it in.
     */
    public OutboundRecord sending(Map<String, Object> fields) {
        return new OutboundRecord(prmKey, fields, outboundHash, agreed, state, prmUpdatedAt);
    }

    /**
     * What the write's results need of it: the previous state's base values served to settle concurrent edits,
     * done before the write, and its results replace them with {@link #agreed}. A bulk job holds 25,000 records until
     * its results are in (their peak at a 100,000-account tier push on PostgreSQL: 82 MiB with them, 77 without).
     */
    public OutboundRecord forResults() {
        return state == null || state.baseValues().isEmpty()
                ? this
                : new OutboundRecord(prmKey, fields, outboundHash, agreed, state.withoutBaseValues(), prmUpdatedAt);
    }

    /**
     * The record while a bulk job carries its fields: the job's results echo them, so the thousands of records a job
     * holds need not keep them until its results are in.
     */
    public OutboundRecord withoutFields() {
        return new OutboundRecord(prmKey, Map.of(), outboundHash, agreed, state, prmUpdatedAt);
    }

    public String sfId() {
        return state == null ? null : state.sfId();
    }
}
