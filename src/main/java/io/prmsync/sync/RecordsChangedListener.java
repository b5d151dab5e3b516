package io.prmsync.sync;

import io.prmsync.mapping.EntityMapping;
import java.util.Collection;

/**
 * Told about the PRM rows a flow has just written (inside the transaction that writes them) or is about to send,
 * so that what follows from them (a partner's tier) is kept in step.
 */
public interface RecordsChangedListener {

    /**
     * Rows written to the PRM store (inside the writing transaction: the work may wait for the run's end), or named
     * for a run of their own (outside one: the work is done at once, and moves the stamps of what it changes).
     *
     * @return the tiers changed now (none when the work waits for the run's end)
     */
    TierChanges recordsChanged(String flow, EntityMapping mapping, Collection<String> prmKeys);

    /**
     * Rows changed in the PRM store that the flow's run found by their stamps and is about to send: what follows
     * from them is decided now, so it travels with them.
     *
     * @return the tiers changed now
     */
    default TierChanges aboutToBeSent(String flow, EntityMapping mapping, Collection<String> prmKeys) {
        return recordsChanged(flow, mapping, prmKeys);
    }

    /**
     * Told when a run of the flow has ended, succeeded or failed, after its last commit: work the listener
     * deferred from the flow's commits (this run's, and a crashed run's before it) is done now, before the run
     * hands on to the next flow.
     *
     * @return the tiers changed now
     */
    default TierChanges runEnded(String flow) {
        return TierChanges.none();
    }

    /**
     * Told when every run of a run set has ended, whose runs deferred their end's work to it: what the flows'
     * commits deferred is done now, once for all of them.
     *
     * @return the tiers changed now
     */
    default TierChanges runSetEnded(java.util.List<String> flows) {
        TierChanges changes = TierChanges.none();
        for (String flow : flows) {
            changes = changes.and(runEnded(flow));
        }
        return changes;
    }
}
