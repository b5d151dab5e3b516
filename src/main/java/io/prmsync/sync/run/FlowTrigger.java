package io.prmsync.sync.run;

import io.prmsync.sync.TierChanges;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What asked for a run: a schedule, an admin, a webhook or a dead-letter replay, a parent flow passing its tier
 * changes on. Travels as the body of the message sent to a flow's route; a message without one is a scheduled run.
 *
 * @param mode what the run reads
 * @param records the PRM keys (outbound) or Salesforce ids (inbound) of a {@link Mode#RECORDS} run
 * @param runId the id to give the run, known to whoever asked for it; empty: a new one
 * @param urgent asked for by someone waiting (admin, webhook): it may spend the API budget up to the ceiling
 * @param lockWait how long to wait for a run of the same flow to end; empty: {@code prm-sync.sync.lock-wait}
 * @param inRunSet one of several flows run together: what its end would do (evaluate the tiers of the partners it
 *     touched, hand the changes on) is left to the end of the set, so a partner several flows touch is evaluated
 *     once, with all their records in
 */
public record FlowTrigger(
        Mode mode,
        List<String> records,
        Optional<String> runId,
        boolean urgent,
        Optional<Duration> lockWait,
        boolean inRunSet) {

    public FlowTrigger {
        records = List.copyOf(records);
        if (mode == Mode.RECORDS && records.isEmpty()) {
            throw new IllegalArgumentException("A records run needs the records to sync");
        }
    }

    public static FlowTrigger scheduled() {
        return new FlowTrigger(Mode.INCREMENTAL, List.of(), Optional.empty(), false, Optional.empty(), false);
    }

    public static FlowTrigger onDemand(Mode mode, String runId) {
        return new FlowTrigger(mode, List.of(), Optional.of(runId), true, Optional.empty(), false);
    }

    /** An admin's run of one flow among several run together ({@code inRunSet}). */
    public static FlowTrigger inRunSet(Mode mode, String runId) {
        return new FlowTrigger(mode, List.of(), Optional.of(runId), true, Optional.empty(), true);
    }

    public static FlowTrigger records(List<String> records, Duration lockWait) {
        return new FlowTrigger(Mode.RECORDS, records, Optional.empty(), true, Optional.of(lockWait), false);
    }

    /**
     * The run a finished run hands on to (partner accounts, carrying the tier changes it caused), with the same
     * patience: over the partners whose tier changed when they are named, else incremental.
     */
    public FlowTrigger followUp(TierChanges changes) {
        return changes.partnerIds().isEmpty() || changes.tooManyToName()
                ? new FlowTrigger(Mode.INCREMENTAL, List.of(), Optional.empty(), false, lockWait, false)
                : new FlowTrigger(Mode.RECORDS, changes.partnerIds(), Optional.empty(), false, lockWait, false);
    }
}
