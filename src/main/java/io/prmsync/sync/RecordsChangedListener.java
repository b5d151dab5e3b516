package io.prmsync.sync;

import io.prmsync.mapping.EntityMapping;
import java.util.Collection;

/**
 * Told about the PRM rows a sync step has just written (inside the transaction that writes them) or is about to
 * send (outside any), so that what follows from them (a partner's tier) is kept in step.
 */
public interface RecordsChangedListener {

    /**
     * @param mapping the mapping of the rows
     * @param prmKeys keys of the rows written to the PRM store or about to be sent to Salesforce
     * @return the tiers changed now (none when the work waits for the run's end)
     */
    TierChanges recordsChanged(EntityMapping mapping, Collection<String> prmKeys);

    /**
     * Told when a run has ended, succeeded or failed, after its last commit: work the listener deferred from the
     * run's commits is done now, before the run hands on to the next flow.
     *
     * @return the tiers changed now
     */
    default TierChanges runEnded() {
        return TierChanges.none();
    }
}
