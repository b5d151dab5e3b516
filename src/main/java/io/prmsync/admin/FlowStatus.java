package io.prmsync.admin;

import java.time.Instant;

/**
 * State of one flow in one direction, as the admin API shows it.
 *
 * @param name flow name, e.g. {@code partner-accounts}
 * @param direction {@code inbound} (Salesforce to PRM) or {@code outbound}
 * @param lastRunAt start of the latest run, null before the first
 * @param lastRunState {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param watermark stamp and record id the flow has reached
 * @param readUpTo how far the flow's reading has come: the horizon its last incremental or full run read up to (the
 *     watermark's stamp before one finished); its lag is now minus this, as the {@code prm_sync.flow.lag} gauge has it
 * @param recordsSynced records written to the other side by all runs
 * @param failed records waiting in the dead letters
 * @param pausedUntil while the flow may not run (throttled by Salesforce, or the API budget nearly spent)
 * @param pauseReason why
 * @param lastRunNode the node that ran the latest run
 * @param heldBy the node whose run holds the flow now (either direction), null when none does
 * @param ledBy the node that polls the flow, as the coordinator has it; null without a coordinator
 * @param shownBy the node that answered
 */
public record FlowStatus(
        String name,
        String direction,
        Instant lastRunAt,
        String lastRunState,
        String lastRunMessage,
        Watermark watermark,
        Instant readUpTo,
        long recordsSynced,
        long failed,
        boolean running,
        Instant pausedUntil,
        String pauseReason,
        String lastRunNode,
        String heldBy,
        String ledBy,
        String shownBy) {

    public record Watermark(Instant stamp, String recordId) {}
}
