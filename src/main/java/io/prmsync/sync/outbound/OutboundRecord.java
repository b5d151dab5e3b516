package io.prmsync.sync.outbound;

import io.prmsync.store.RecordSyncState;
import java.util.Map;

/**
 * One PRM row on its way to Salesforce.
 *
 * @param fields Salesforce fields to send
 * @param outboundHash hash of the outbound fields sent, remembered on success for echo suppression
 * @param agreed latest-wins values Salesforce will hold once the write succeeds
 * @param state sync state before the write, or null for a record never synced
 */
public record OutboundRecord(
        String prmKey,
        Map<String, Object> fields,
        String outboundHash,
        Map<String, String> agreed,
        RecordSyncState state) {

    public String sfId() {
        return state == null ? null : state.sfId();
    }
}
